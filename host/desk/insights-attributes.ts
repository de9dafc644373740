/**
 * Where Flex Insights reads an agent's wrap-up in the task attributes: the
 * disposition as `conversations.outcome` and the notes as `conversations.content`
 * (Twilio's own dispositions plugin writes the same keys). Everything else in
 * the attributes, `conversations` included, is kept: a deep merge, never a
 * replacement, so routing and reporting data written by others survive.
 */
export interface WrapUpOutcome {
  disposition: string | null;
  notes: string;
}

/** The outcome written when the wrap-up timer runs out before a required disposition was chosen. */
export const TIMED_OUT_OUTCOME = 'Wrap-up timed out';

export function withWrapUpOutcome(attributes: Record<string, unknown>, outcome: WrapUpOutcome): Record<string, unknown> {
  const existing = attributes.conversations;
  const conversations: Record<string, unknown> = existing && typeof existing === 'object' && !Array.isArray(existing) ? { ...(existing as Record<string, unknown>) } : {};
  if (outcome.disposition) conversations.outcome = outcome.disposition;
  const notes = outcome.notes.trim();
  if (notes) conversations.content = notes;
  return { ...attributes, conversations };
}

/** The disposition already written to a task, if any (for previous contacts). */
export function outcomeOf(attributes: Record<string, unknown>): string | null {
  const conversations = attributes.conversations;
  if (!conversations || typeof conversations !== 'object') return null;
  const outcome = (conversations as Record<string, unknown>).outcome;
  return typeof outcome === 'string' && outcome ? outcome : null;
}
