import { Suspense, useState, type FormEvent } from 'react';
import type { AgentDesktopApi } from '../../shared/contract';
import { directoryEntries, type DirectoryEntry } from './directory-entries';
import { LazyDirectoryPicker, useDirectory } from './useDirectory';
import { errorText } from '../app/error-text';
import { useT } from '../i18n/react';

export interface TransferChoice {
  target: { type: 'worker' | 'queue'; sid: string };
  mode: 'cold' | 'warm';
}

/**
 * Transfer to a colleague (with their activity and availability) or a queue,
 * found by typing; warm (talk to them first, the caller on hold) or cold
 * (hand over now). Everything is reachable from the keyboard.
 */
export function TransferForm({ api, onSubmit, onCancel }: { api: Pick<AgentDesktopApi, 'listDirectory'>; onSubmit(choice: TransferChoice): Promise<void>; onCancel(): void }) {
  const { directory, problem } = useDirectory(api);
  const t = useT();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<DirectoryEntry | null>(null);
  const [mode, setMode] = useState<'cold' | 'warm'>('warm');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = directory ? directoryEntries(directory, { workers: true, queues: true }, t) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setInvalid(t('transfer.chooseTarget'));
      return;
    }
    setInvalid(null);
    setBusy(true);
    try {
      await onSubmit({ target: { type: chosen.kind, sid: chosen.sid }, mode });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="transfer-form" aria-label={t('transfer.label')} onSubmit={(e) => void submit(e)}>
      <Suspense fallback={<p className="empty">{t('directory.loading')}</p>}>
        <LazyDirectoryPicker
          label={t('transfer.to')}
          entries={entries}
          inputValue={text}
          onInputChange={(v) => {
            setText(v);
            if (chosen && v !== chosen.name) setChosen(null);
          }}
          selectedKey={chosen?.key ?? null}
          onSelect={(entry) => {
            setChosen(entry);
            if (entry) setText(entry.name);
          }}
          placeholder={t('transfer.placeholder')}
          autoFocus
        />
      </Suspense>
      <fieldset className="transfer-mode">
        <legend>{t('transfer.how')}</legend>
        <label>
          <input type="radio" name="transfer-mode" value="warm" checked={mode === 'warm'} onChange={() => setMode('warm')} /> {t('transfer.warm')}
        </label>
        <label>
          <input type="radio" name="transfer-mode" value="cold" checked={mode === 'cold'} onChange={() => setMode('cold')} /> {t('transfer.cold')}
        </label>
      </fieldset>
      {(invalid ?? problem) && (
        <p className="error" role="alert">
          {invalid ?? (problem && errorText(problem, t))}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {mode === 'warm' ? t('transfer.start') : t('transfer.now')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
