import { useSelect } from '../app/context';
import type { Message } from '../i18n/i18n';
import { useT, type Translate } from '../i18n/react';
import type { SentInstruction } from '../store/desk';

/** What is happening after an instruction was sent, in one sentence per case. */
export function instructionSentence(sent: SentInstruction, t: Translate): Message {
  const to = sent.to ?? t('instruction.yourContact');
  const url = sent.url ?? t(sent.name === 'redirect' ? 'instruction.newTwiml' : 'instruction.yourTwiml');
  switch (sent.name) {
    case 'conference':
      return { id: 'instruction.sent.conference', values: { to } };
    case 'dequeue':
      return { id: 'instruction.sent.dequeue', values: { to } };
    case 'call':
      return sent.accept ? { id: 'instruction.sent.callAccept', values: { to, url } } : { id: 'instruction.sent.call', values: { to } };
    case 'redirect':
      return { id: sent.accept ? 'instruction.sent.redirectAccept' : 'instruction.sent.redirect', values: { url } };
  }
}

/** The card's line about the last instruction, while the item is live. */
export function InstructionNote({ sid }: { sid: string }) {
  const sent = useSelect((s) => s.sentInstructions[sid]);
  const status = useSelect((s) => s.reservationsBySid[sid]?.status);
  const t = useT();
  if (!sent || (status !== 'pending' && status !== 'accepted')) return null;
  const { id, values } = instructionSentence(sent, t);
  return (
    <p className="instruction-note" role="status">
      {t(id, values)}
    </p>
  );
}
