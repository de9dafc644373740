import type { CallParticipant } from '../../shared/call-state';

import { T, useT } from '../i18n/react';

/** Everyone on the conference, with their state; anyone but the agent can be removed. */
export function Participants({ participants, onRemove }: { participants: CallParticipant[]; onRemove(callSid: string): void }) {
  const t = useT();
  if (participants.length === 0) return null;
  return (
    <ul className="participants" aria-label={t('participants.label')}>
      {participants.map((p) => (
        <li key={p.callSid} className={`participant participant-${p.state}`} data-state={p.state}>
          {p.label ? (
            <span className="participant-name" translate="no">
              {p.label}
            </span>
          ) : (
            <span className="participant-name">{t(p.role === 'me' ? 'participants.you' : p.role === 'customer' ? 'participants.customer' : 'participants.someone')}</span>
          )}
          {(p.role === 'customer' || p.role === 'colleague') && <span className="participant-role"> ({t(`participants.role.${p.role}`)})</span>}
          <span className="participant-state"> — {t(`participants.state.${p.state}`)}</span>
          {p.role !== 'me' && p.state !== 'left' && (
            <button type="button" className="link" onClick={() => onRemove(p.callSid)}>
              <T id="participants.remove" values={{ who: p.label || t(p.role === 'customer' ? 'participants.customer' : 'participants.someone') }} components={{ 0: <span className="visually-hidden" /> }} />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
