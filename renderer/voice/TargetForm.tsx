import { Suspense, useState, type FormEvent } from 'react';
import { E164 } from '../../shared/validation';
import type { AgentDesktopApi } from '../../shared/contract';
import { directoryEntries, type DirectoryEntry } from './directory-entries';
import { LazyDirectoryPicker, useDirectory } from './useDirectory';
import { errorText } from '../app/error-text';
import { useT } from '../i18n/react';

/**
 * A number or a colleague, for adding a participant or dialing out: type a
 * number (E.164) or search the directory. Submits `+1…` or `client:…`.
 */
export function TargetForm({ api, label, submitLabel, onSubmit, onCancel }: { api: Pick<AgentDesktopApi, 'listDirectory'>; label: string; submitLabel: string; onSubmit(to: string): Promise<void>; onCancel?: () => void }) {
  const { directory, problem } = useDirectory(api);
  const t = useT();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<DirectoryEntry | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = directory ? directoryEntries(directory, { workers: true, queues: false }, t).filter((e) => e.contactUri?.startsWith('client:')) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = text.replace(/[\s().-]/g, '');
    const to = chosen && chosen.name === text ? chosen.contactUri : E164.test(typed) ? typed : null;
    if (!to) {
      setInvalid(t('target.invalid'));
      return;
    }
    setInvalid(null);
    setBusy(true);
    try {
      await onSubmit(to);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="target-form" aria-label={label} onSubmit={(e) => void submit(e)}>
      <Suspense fallback={<p className="empty">{t('directory.loading')}</p>}>
        <LazyDirectoryPicker
          label={label}
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
          allowsCustomValue
          placeholder={t('target.placeholder')}
          autoFocus
        />
      </Suspense>
      {(invalid ?? problem) && (
        <p className="error" role="alert">
          {invalid ?? (problem && errorText(problem, t))}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </form>
  );
}
