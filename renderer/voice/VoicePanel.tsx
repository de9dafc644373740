import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { HoldProgress } from '../shortcuts/registry';
import { useServices } from '../app/context';
import { DeviceSelect } from '../app/DeviceSelect';
import { Keypad } from './Keypad';
import { reportCallState } from './report-call-state';
import { VoiceController } from './voice-controller';
import { createVoiceStore, saveAutoAnswer, type VoiceState, type VoiceStore } from './voice-store';

const REGISTRATION_WORDS: Record<VoiceState['registration'], string> = {
  idle: 'Phone: starting…',
  loading: 'Phone: loading…',
  registering: 'Phone: connecting…',
  registered: 'Phone: ready for calls',
  unregistered: 'Phone: offline — calls cannot reach you',
  error: 'Phone: unavailable',
};

function useVoice<T>(store: VoiceStore, select: (s: VoiceState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Ticks once a second while mounted; only the timer re-renders. */
function CallTimer({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="call-timer" aria-label="Call duration">
      {formatDuration(now - startedAt)}
    </span>
  );
}

function MicMeter({ store }: { store: VoiceStore }) {
  const level = useVoice(store, (s) => s.micLevel);
  return <meter className="mic-meter" aria-label="Microphone level" min={0} max={1} value={Math.min(1, level)} />;
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
        {REGISTRATION_WORDS[registration]}
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!call && <p className="empty">{lastOutcome ?? 'No call in progress.'}</p>}
      {call?.state === 'ringing' && (
        <div className="incoming-call" role="alert">
          <p>
            Incoming call from <strong>{call.caller}</strong>
          </p>
          <button type="button" className="primary" onClick={() => controller?.answer()}>
            Answer
          </button>
          <button type="button" onClick={() => controller?.decline()}>
            Decline
          </button>
        </div>
      )}
      {connected && (
        <div className="active-call" aria-label="Active call">
          <p className="call-who">
            On a call with <strong>{call.caller}</strong> {call.startedAt !== null && <CallTimer startedAt={call.startedAt} />}
          </p>
          {call.state === 'reconnecting' && (
            <p className="warning" role="status">
              Reconnecting… the call may be silent for a moment.
            </p>
          )}
          {call.held && <p className="call-held">The caller is on hold and hears music.</p>}
          {Object.values(call.warnings).map((text) => (
            <p key={text} className="warning" role="status">
              {text}
            </p>
          ))}
          <div className="call-controls">
            <button type="button" aria-pressed={call.muted} onClick={() => controller?.toggleMute()}>
              {call.muted ? 'Unmute' : 'Mute'}
            </button>
            <button type="button" aria-pressed={call.held} disabled={!call.reservationSid} onClick={() => void hold()}>
              {call.held ? 'Resume caller' : 'Hold caller'}
            </button>
            <button type="button" aria-expanded={keypadOpen} onClick={() => voice.setState({ keypadOpen: !keypadOpen })}>
              Keypad
            </button>
            <button type="button" className={`danger hang-up${hangUpHold ? ' holding' : ''}`} onClick={() => controller?.hangUp()}>
              Hang up
              {hangUpHold && (
                <span className="hold-progress" style={{ animationDuration: `${hangUpHold.ms}ms` }} role="progressbar" aria-label="Keep holding to hang up" aria-valuemin={0} aria-valuemax={100} />
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
        <summary>Audio devices</summary>
        <div className="field">
          <label htmlFor={`${deviceId}-mic`}>Microphone</label>
          <DeviceSelect id={`${deviceId}-mic`} value={inputId ?? ''} devices={inputs} onChange={(id) => void controller?.selectInput(id)} />
        </div>
        <div className="field">
          <label htmlFor={`${deviceId}-speaker`}>Speaker and ringtone</label>
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
          Answer automatically when a call belongs to an offer I accepted
        </label>
      </details>
    </div>
  );
}
