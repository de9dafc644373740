import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { HoldProgress } from '../shortcuts/registry';
import { useSelect, useServices } from '../app/context';
import { DeviceSelect } from '../app/DeviceSelect';
import { CallView } from './CallView';
import { TargetForm } from './TargetForm';
import { VoiceController } from './voice-controller';
import { createVoiceStore, currentCall, saveAutoAnswer, type VoiceState, type VoiceStore } from './voice-store';
import { errorText } from '../app/error-text';
import type { AppError } from '../../shared/result';
import { useT } from '../i18n/react';
import './voice.css';

function useVoice<T>(store: VoiceStore, select: (s: VoiceState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

function MicMeter({ store }: { store: VoiceStore }) {
  const level = useVoice(store, (s) => s.micLevel);
  const t = useT();
  return <meter className="mic-meter" aria-label={t('voice.micLevel')} min={0} max={1} value={Math.min(1, level)} />;
}

/**
 * The call region: the phone's state (always visible), the current call from
 * the host's call state machine (ringing, live, on hold, caller left, ended)
 * with its controls, transfers and participants, a dial form when idle, and
 * the audio devices. Keyboard shortcuts (mute, hold, hang up, keypad) act here.
 */
export default function VoicePanel() {
  const { link, shortcuts, actions } = useServices();
  const voice = useMemo(() => createVoiceStore(), []);
  const controller = useMemo(() => (link ? new VoiceController({ api: link.api, store: voice }) : null), [link, voice]);
  const [dialing, setDialing] = useState(false);
  const [dialError, setDialError] = useState<AppError | null>(null);
  const t = useT();

  useEffect(() => {
    if (!controller) return;
    void controller.start();
    const stopOnUnload = () => controller.stop();
    window.addEventListener('beforeunload', stopOnUnload);
    return () => {
      window.removeEventListener('beforeunload', stopOnUnload);
      controller.stop();
    };
  }, [controller]);

  const registration = useVoice(voice, (s) => s.registration);
  const problem = useVoice(voice, (s) => s.problem);
  const call = useVoice(voice, currentCall);
  const requestError = useVoice(voice, (s) => (call ? (s.requestErrors[call.id] ?? null) : null));
  const warnings = useVoice(voice, (s) => (call ? s.warnings[call.id] : undefined));
  const keypadOpen = useVoice(voice, (s) => s.keypadOpen);
  const autoAnswer = useVoice(voice, (s) => s.autoAnswer);
  const inputs = useVoice(voice, (s) => s.inputs);
  const outputs = useVoice(voice, (s) => s.outputs);
  const inputId = useVoice(voice, (s) => s.inputId);
  const outputId = useVoice(voice, (s) => s.outputId);
  const reservation = useSelect((s) => (call?.reservationSid ? s.reservationsBySid[call.reservationSid] : undefined));
  const [hangUpHold, setHangUpHold] = useState<HoldProgress | null>(null);
  useEffect(() => shortcuts.onHold((h) => setHangUpHold(h?.action === 'hangUp' ? h : null)), [shortcuts]);
  const deviceId = useId();

  useEffect(() => {
    if (!controller) return;
    const live = () => {
      const c = currentCall(voice.getState());
      return c && c.phase !== 'ended' ? c : null;
    };
    const offs = [
      shortcuts.handle('mute', () => {
        const c = live();
        if (c) void controller.act(c.id, { kind: 'mute', muted: !c.muted });
      }),
      shortcuts.handle('hold', () => {
        const c = live();
        if (c && (c.phase === 'live' || c.phase === 'onHold')) void controller.hold(c, c.phase !== 'onHold');
      }),
      shortcuts.handle('hangUp', () => {
        const c = live();
        if (c) void controller.act(c.id, { kind: c.phase === 'ringing' ? 'decline' : 'hangUp' });
      }),
      shortcuts.handle('keypad', () => voice.setState((s) => ({ keypadOpen: !s.keypadOpen }))),
    ];
    return () => offs.forEach((off) => off());
  }, [controller, shortcuts, voice]);

  const active = call && call.phase !== 'ended' ? call : null;
  return (
    <div className="voice-panel">
      <p className={`phone-state phone-${registration}`} role="status" aria-live="polite">
        {t(`voice.registration.${registration}`)}
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {call && controller && link && (
        <CallView
          key={call.id}
          call={call}
          requestError={requestError}
          warnings={Object.values(warnings ?? {})}
          controller={controller}
          api={link.api}
          actions={actions}
          reservation={reservation}
          keypadOpen={keypadOpen}
          hangUpHold={hangUpHold}
          onToggleKeypad={() => voice.setState((s) => ({ keypadOpen: !s.keypadOpen }))}
        />
      )}
      {!call && <p className="empty">{t('voice.noCall')}</p>}
      {active && <MicMeter store={voice} />}
      {!active && link && (registration === 'registered' || registration === 'elsewhere') && (
        <div className="dial">
          {dialing ? (
            <TargetForm
              api={link.api}
              label={t('dial.label')}
              submitLabel={t('dial.call')}
              onCancel={() => setDialing(false)}
              onSubmit={async (to) => {
                const result = await link.api.startOutboundCall({ to });
                setDialError(result.ok ? null : result.error);
                if (result.ok) setDialing(false);
              }}
            />
          ) : (
            <button type="button" onClick={() => setDialing(true)}>
              {t('dial.new')}
            </button>
          )}
          {dialError && (
            <p className="error" role="alert">
              {errorText(dialError, t)}
            </p>
          )}
        </div>
      )}
      <details className="audio-settings">
        <summary>{t('voice.audioDevices')}</summary>
        <div className="field">
          <label htmlFor={`${deviceId}-mic`}>{t('voice.microphone')}</label>
          <DeviceSelect id={`${deviceId}-mic`} value={inputId ?? ''} devices={inputs} onChange={(id) => void controller?.selectInput(id)} />
        </div>
        <div className="field">
          <label htmlFor={`${deviceId}-speaker`}>{t('voice.speaker')}</label>
          <DeviceSelect id={`${deviceId}-speaker`} value={outputId ?? ''} devices={outputs} onChange={(id) => void controller?.selectOutput(id)} />
        </div>
        <label className="inline">
          <input
            type="checkbox"
            checked={autoAnswer}
            onChange={(e) => {
              saveAutoAnswer(e.target.checked);
              voice.setState({ autoAnswer: e.target.checked });
            }}
          />{' '}
          {t('voice.autoAnswer')}
        </label>
      </details>
    </div>
  );
}
