import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { HoldProgress } from '../shortcuts/registry';
import { useServices } from '../app/context';
import { DeviceSelect } from '../app/DeviceSelect';
import { Keypad } from './Keypad';
import { reportCallState } from './report-call-state';
import { VoiceController } from './voice-controller';
import { createVoiceStore, saveAutoAnswer, type VoiceState, type VoiceStore } from './voice-store';
import { formatClock } from '../i18n/format';
import { T, useT } from '../i18n/react';

function useVoice<T>(store: VoiceStore, select: (s: VoiceState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** Ticks once a second while mounted; only the timer re-renders. */
function CallTimer({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  const t = useT();
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="call-timer" aria-label={t('voice.duration')}>
      {formatClock((now - startedAt) / 1000)}
    </span>
  );
}

function MicMeter({ store }: { store: VoiceStore }) {
  const level = useVoice(store, (s) => s.micLevel);
  const t = useT();
  return <meter className="mic-meter" aria-label={t('voice.micLevel')} min={0} max={1} value={Math.min(1, level)} />;
}

/**
 * The call region: the phone's registration state (always visible), a
 * ringing call to answer or decline, and the connected call's controls —
 * who, how long, mute, hold, keypad, hang up, audio devices and quality
 * warnings. Keyboard shortcuts (mute, hold, hang up, keypad) act here.
 */
export default function VoicePanel() {
  const { link, store: appStore, shortcuts, expectedCalls } = useServices();
  const voice = useMemo(() => createVoiceStore(), []);
  const controller = useMemo(
    () => (link ? new VoiceController({ api: link.api, store: voice, expectedCalls, reservations: () => Object.values(appStore.getState().reservationsBySid) }) : null),
    [link, voice, appStore, expectedCalls],
  );
  const [actionError, setActionError] = useState<string | null>(null);
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

  // The desktop app never restarts for an update during a call; only it needs to know.
  useEffect(() => (link?.inElectron ? reportCallState(voice, (inCall) => void link.api.reportCallState({ inCall })) : undefined), [link, voice]);

  const registration = useVoice(voice, (s) => s.registration);
  const problem = useVoice(voice, (s) => s.problem);
  const call = useVoice(voice, (s) => s.call);
  const lastOutcome = useVoice(voice, (s) => s.lastOutcome);
  const keypadOpen = useVoice(voice, (s) => s.keypadOpen);
  const autoAnswer = useVoice(voice, (s) => s.autoAnswer);
  const inputs = useVoice(voice, (s) => s.inputs);
  const outputs = useVoice(voice, (s) => s.outputs);
  const inputId = useVoice(voice, (s) => s.inputId);
  const outputId = useVoice(voice, (s) => s.outputId);

  const [hangUpHold, setHangUpHold] = useState<HoldProgress | null>(null);
  useEffect(() => shortcuts.onHold((h) => setHangUpHold(h?.action === 'hangUp' ? h : null)), [shortcuts]);
  const deviceId = useId();

  const hold = async () => {
    const error = await controller?.toggleHold();
    setActionError(error ?? null);
  };

  useEffect(() => {
    if (!controller) return;
    const offs = [
      shortcuts.handle('mute', () => controller.toggleMute()),
      shortcuts.handle('hold', () => void hold()),
      shortcuts.handle('hangUp', () => controller.hangUp()),
      shortcuts.handle('keypad', () => voice.setState((s) => ({ keypadOpen: !s.keypadOpen }))),
    ];
    return () => offs.forEach((off) => off());
    // hold reads the latest store state itself; re-registering on every render is unnecessary.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, shortcuts, voice]);

  const connected = call && call.state !== 'ringing';
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
      {!call && <p className="empty">{lastOutcome ?? t('voice.noCall')}</p>}
      {call?.state === 'ringing' && (
        <div className="incoming-call" role="alert">
          <p>
            <T id="voice.incoming" values={{ caller: call.caller }} components={{ 0: <strong translate="no" /> }} />
          </p>
          <button type="button" className="primary" onClick={() => controller?.answer()}>
            {t('voice.answer')}
          </button>
          <button type="button" onClick={() => controller?.decline()}>
            {t('voice.decline')}
          </button>
        </div>
      )}
      {connected && (
        <div className="active-call" aria-label={t('voice.activeCall')}>
          <p className="call-who">
            <T id="voice.onCallWith" values={{ caller: call.caller }} components={{ 0: <strong translate="no" /> }} /> {call.startedAt !== null && <CallTimer startedAt={call.startedAt} />}
          </p>
          {call.state === 'reconnecting' && (
            <p className="warning" role="status">
              {t('voice.reconnecting')}
            </p>
          )}
          {call.held && <p className="call-held">{t('voice.held')}</p>}
          {Object.values(call.warnings).map((text) => (
            <p key={text} className="warning" role="status">
              {text}
            </p>
          ))}
          <div className="call-controls">
            <button type="button" aria-pressed={call.muted} onClick={() => controller?.toggleMute()}>
              {call.muted ? t('voice.unmute') : t('voice.mute')}
            </button>
            <button type="button" aria-pressed={call.held} disabled={!call.reservationSid} onClick={() => void hold()}>
              {call.held ? t('voice.resume') : t('voice.hold')}
            </button>
            <button type="button" aria-expanded={keypadOpen} onClick={() => voice.setState({ keypadOpen: !keypadOpen })}>
              {t('voice.keypad')}
            </button>
            <button type="button" className={`danger hang-up${hangUpHold ? ' holding' : ''}`} onClick={() => controller?.hangUp()}>
              {t('voice.hangUp')}
              {hangUpHold && (
                <span className="hold-progress" style={{ animationDuration: `${hangUpHold.ms}ms` }} role="progressbar" aria-label={t('voice.keepHolding')} aria-valuemin={0} aria-valuemax={100} />
              )}
            </button>
          </div>
          {actionError && (
            <p className="error" role="alert">
              {actionError}
            </p>
          )}
          {keypadOpen && <Keypad onDigit={(d) => controller?.sendDigit(d)} />}
          <MicMeter store={voice} />
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
