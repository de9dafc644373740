import type { CallParticipant } from '../../shared/call-state';

const STATE_WORDS: Record<CallParticipant['state'], string> = { ringing: 'ringing', live: 'on the call', onHold: 'on hold', muted: 'muted', left: 'left' };
const ROLE_WORDS: Record<CallParticipant['role'], string> = { me: '', customer: 'customer', colleague: 'colleague', external: '' };

/** Everyone on the conference, with their state; anyone but the agent can be removed. */
export function Participants({ participants, onRemove }: { participants: CallParticipant[]; onRemove(callSid: string): void }) {
  if (participants.length === 0) return null;
  return (
    <ul className="participants" aria-label="Participants">
      {participants.map((p) => (
        <li key={p.callSid} className={`participant participant-${p.state}`} data-state={p.state}>
          <span className="participant-name">{p.label}</span>
          {ROLE_WORDS[p.role] && <span className="participant-role"> ({ROLE_WORDS[p.role]})</span>}
          <span className="participant-state"> — {STATE_WORDS[p.state]}</span>
          {p.role !== 'me' && p.state !== 'left' && (
            <button type="button" className="link" onClick={() => onRemove(p.callSid)}>
              Remove<span className="visually-hidden"> {p.label}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
