import { describe, expect, it } from 'vitest';
import { explainRefusal } from './failure';

describe('refusal wording', () => {
  it('says the caller hung up only when TaskRouter said so, and never guesses it', () => {
    const guessed = explainRefusal('canceled', 'accept', ['pending']);
    expect(guessed).toMatchObject({ code: 'reservation_canceled' });
    expect(guessed!.message).not.toMatch(/hung up/i);
    expect(explainRefusal('canceled', 'accept', ['pending'], 'The caller hung up')!.message).toBe('Too late to accept: the task was canceled (The caller hung up).');
    expect(explainRefusal('canceled', 'accept', ['pending'], 'Task TTL Exceeded')!.message).toBe('Too late to accept: the task was canceled (Task TTL Exceeded).');
    expect(explainRefusal('timeout', 'accept', ['pending'])!.message).toBe('Too late to accept: the offer timed out.');
  });
});
