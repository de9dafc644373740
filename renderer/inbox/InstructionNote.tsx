import { useSelect } from '../app/context';
import type { SentInstruction } from '../store/desk';

/** What is happening after an instruction was sent, in one sentence per case. */
export function instructionSentence(sent: SentInstruction): string {
  const to = sent.to ?? 'your contact address';
  switch (sent.name) {
    case 'conference':
      return `Dialing you at ${to}. The caller joins when you answer.`;
    case 'dequeue':
      return `Dialing you at ${to} to connect the waiting caller.`;
    case 'call':
      return sent.accept ? `Calling you at ${to}. When you answer, the call runs ${sent.url ?? 'the TwiML you gave'}.` : `Calling you at ${to}. The offer stays open until you accept it.`;
    case 'redirect':
      return sent.accept ? `The caller was moved to ${sent.url ?? 'new TwiML'} and the offer is accepted.` : `The caller was moved to ${sent.url ?? 'new TwiML'}. The offer stays open.`;
  }
}

/** The card's line about the last instruction, while the item is live. */
export function InstructionNote({ sid }: { sid: string }) {
  const sent = useSelect((s) => s.sentInstructions[sid]);
  const status = useSelect((s) => s.reservationsBySid[sid]?.status);
  if (!sent || (status !== 'pending' && status !== 'accepted')) return null;
  return (
    <p className="instruction-note" role="status">
      {instructionSentence(sent)}
    </p>
  );
}
