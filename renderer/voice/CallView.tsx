import { useEffect, useState } from 'react';
import { callControls, callHeadline, type CallError, type CallState } from '../../shared/call-state';
import type { AppError } from '../../shared/result';
import { errorText } from '../app/error-text';
import { formatClock } from '../i18n/format';
import { T, useT, type Translate } from '../i18n/react';
import { describeVoiceError } from './voice-errors';
import type { AgentDesktopApi } from '../../shared/contract';
import type { Actions } from '../app/actions';
import type { Reservation } from '../../shared/model';
import { Keypad } from './Keypad';
import { Participants } from './Participants';
import { TargetForm } from './TargetForm';
import { TransferForm, type TransferChoice } from './TransferForm';
import type { VoiceController } from './voice-controller';
import type { HoldProgress } from '../shortcuts/registry';

/** Ticks once a second while mounted; only the clock re-renders. */
function Ticking({ children }: { children: (now: number) => React.ReactNode }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return <>{children(now)}</>;
}

export interface CallViewProps {
  call: CallState;
  /** An error the host could not keep on the call (a request that never reached it). */
  requestError: AppError | null;
  warnings: string[];
  controller: VoiceController;
  api: Pick<AgentDesktopApi, 'listDirectory' | 'addCallParticipant' | 'removeCallParticipant' | 'startTransfer' | 'completeTransfer' | 'cancelTransfer' | 'wrapReservation'>;
  actions: Pick<Actions, 'wrap' | 'complete'>;
  reservation: Reservation | undefined;
  keypadOpen: boolean;
  /** The hang-up shortcut is being held (hold-to-confirm): show its progress on the button. */
  hangUpHold?: HoldProgress | null;
  onToggleKeypad(): void;
}

const clock = (ms: number) => formatClock(ms / 1000);

/** The headline in words: "Incoming call from Dana", "Caller hung up · 3:12". */
function headlineText(call: CallState, now: number, t: Translate): string {
  const h = callHeadline(call, now);
  if (h.key === 'callerLeft') return t('call.headline.callerLeft', { duration: clock(h.talkMs) });
  if (h.key === 'ended') {
    const words = t(`call.ended.${h.reason}`);
    return h.talkMs === null ? words : t('call.headline.endedAfter', { words, duration: clock(h.talkMs) });
  }
  return t(`call.headline.${h.key}`, { who: h.who ?? t('caller.unknown') });
}

/** A call's error in words: the Voice SDK's by its code (each window says it in its own language), the host's by code and reason. */
export function callErrorText(error: CallError | AppError, t: Translate): string {
  if (error.reason === 'voice_sdk') return describeVoiceError(typeof error.params?.voiceCode === 'number' ? error.params.voiceCode : undefined);
  return errorText(error, t);
}

/**
 * One call: who and how long (from the shared state machine's words), the
 * hold timer, the controls that make sense now, the participants, transfer
 * and add-participant forms, and — once the customer is gone — Wrap up.
 * Its error belongs to it and goes with it.
 */
export function CallView({ call, requestError, warnings, controller, api, actions, reservation, keypadOpen, hangUpHold, onToggleKeypad }: CallViewProps) {
  const [form, setForm] = useState<'transfer' | 'add' | null>(null);
  const t = useT();
  const controls = callControls(call);
  const error = call.error ?? requestError;
  const act = (request: () => Promise<unknown>) => void controller.request(call.id, request as () => Promise<{ ok: true; value: unknown }>);
  const transfer = call.transfer;

  return (
    <div className={`active-call call-${call.phase}`} aria-label={t('voice.activeCall')} data-phase={call.phase}>
      <p className="call-who" role={call.phase === 'callerLeft' || call.phase === 'ended' ? 'status' : undefined}>
        <Ticking>
          {(now) => (
            <>
              <strong className="call-headline">{headlineText(call, now, t)}</strong>
              {(call.phase === 'live' || call.phase === 'onHold' || (call.phase === 'connecting' && call.liveAt !== null)) && call.liveAt !== null && (
                <span className="call-timer" aria-label={t('voice.duration')}>
                  {' '}
                  {clock(now - call.liveAt)}
                </span>
              )}
            </>
          )}
        </Ticking>
      </p>
      {call.phase === 'onHold' && call.holdStartedAt !== null && (
        <p className="call-held">
          <Ticking>
            {(now) => (
              <T
                id="call.onHoldFor"
                values={{ duration: clock(now - call.holdStartedAt!) }}
                components={{ 0: <span className="hold-timer" aria-label={t('call.timeOnHold')} /> }}
              />
            )}
          </Ticking>
        </p>
      )}
      {warnings.map((text) => (
        <p key={text} className="warning" role="status">
          {text}
        </p>
      ))}
      {transfer && (transfer.status === 'waiting' || transfer.status === 'consulting' || transfer.status === 'failed') && (
        <div className="transfer-status" role="status">
          <p>
            {transfer.status === 'waiting' && t('transfer.waiting', { target: transfer.targetName })}
            {transfer.status === 'consulting' && t('transfer.consulting', { target: transfer.targetName })}
            {transfer.status === 'failed' && (transfer.detail ? t(`transfer.failed.${transfer.detail}`) : t('transfer.failed', { target: transfer.targetName }))}
          </p>
          {transfer.status === 'consulting' && (
            <button type="button" className="primary" onClick={() => act(() => api.completeTransfer({ callId: call.id }))}>
              {t('transfer.complete')}
            </button>
          )}
          {(transfer.status === 'waiting' || transfer.status === 'consulting') && (
            <button type="button" onClick={() => act(() => api.cancelTransfer({ callId: call.id }))}>
              {t('transfer.cancel')}
            </button>
          )}
        </div>
      )}
      {call.phase === 'ringing' && (
        <div className="incoming-call" role="alert">
          <button type="button" className="primary" onClick={() => void controller.act(call.id, { kind: 'answer' })}>
            {t('voice.answer')}
          </button>
          <button type="button" onClick={() => void controller.act(call.id, { kind: 'decline' })}>
            {t('voice.decline')}
          </button>
        </div>
      )}
      {call.phase !== 'ringing' && call.phase !== 'ended' && (
        <div className="call-controls">
          {controls.mute && (
            <button type="button" aria-pressed={call.muted} onClick={() => void controller.act(call.id, { kind: 'mute', muted: !call.muted })}>
              {call.muted ? t('voice.unmute') : t('voice.mute')}
            </button>
          )}
          {controls.hold && (
            <button type="button" aria-pressed={call.phase === 'onHold'} onClick={() => void controller.hold(call, call.phase !== 'onHold')}>
              {call.phase === 'onHold' ? t('voice.resume') : t('voice.hold')}
            </button>
          )}
          {controls.keypad && (
            <button type="button" aria-expanded={keypadOpen} onClick={onToggleKeypad}>
              {t('voice.keypad')}
            </button>
          )}
          {controls.transfer && (
            <button type="button" aria-expanded={form === 'transfer'} onClick={() => setForm(form === 'transfer' ? null : 'transfer')}>
              {t('call.transfer')}
            </button>
          )}
          {controls.addParticipant && (
            <button type="button" aria-expanded={form === 'add'} onClick={() => setForm(form === 'add' ? null : 'add')}>
              {t('call.addParticipant')}
            </button>
          )}
          <button type="button" className={`danger hang-up${hangUpHold ? ' holding' : ''}`} onClick={() => void controller.act(call.id, { kind: 'hangUp' })}>
            {t('voice.hangUp')}
            {hangUpHold && (
              <span className="hold-progress" style={{ animationDuration: `${hangUpHold.ms}ms` }} role="progressbar" aria-label={t('voice.keepHolding')} aria-valuemin={0} aria-valuemax={100} />
            )}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {callErrorText(error, t)}
        </p>
      )}
      {keypadOpen && controls.keypad && <Keypad onDigit={(digits) => void controller.act(call.id, { kind: 'digits', digits })} />}
      {form === 'transfer' && controls.transfer && (
        <TransferForm
          api={api}
          onCancel={() => setForm(null)}
          onSubmit={async (choice: TransferChoice) => {
            const result = await controller.request(call.id, () => api.startTransfer({ callId: call.id, ...choice }));
            if (result.ok) setForm(null);
          }}
        />
      )}
      {form === 'add' && controls.addParticipant && (
        <TargetForm
          api={api}
          label={t('call.addLabel')}
          submitLabel={t('call.add')}
          onCancel={() => setForm(null)}
          onSubmit={async (to) => {
            const result = await controller.request(call.id, () => api.addCallParticipant({ callId: call.id, to }));
            if (result.ok) setForm(null);
          }}
        />
      )}
      {call.phase !== 'ringing' && call.phase !== 'ended' && call.participants.length > 0 && (
        <Participants participants={call.participants} onRemove={(callSid) => act(() => api.removeCallParticipant({ callId: call.id, callSid }))} />
      )}
      {!controls.wrapUp && reservation?.status === 'accepted' && (call.phase === 'live' || call.phase === 'onHold') && (
        <div className="call-after">
          {/* Wrapping up ends the call; this keeps the agent on the line (a hand-off still being finished). */}
          <button type="button" onClick={() => act(() => api.wrapReservation({ reservationSid: reservation.sid, keepCall: true }))}>
            {t('call.wrapKeepCall')}
          </button>
        </div>
      )}
      {controls.wrapUp && reservation && (reservation.status === 'accepted' || reservation.status === 'wrapping') && (
        <div className="call-after">
          {reservation.status === 'accepted' ? (
            <button type="button" className="primary" onClick={() => void actions.wrap(reservation.sid)}>
              {t('call.wrap')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void actions.complete(reservation.sid)}>
              {t('wrapUp.complete')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
