import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('error wording', () => {
  it('a canceled task is explained with what the host learned, not with a guess that the caller hung up', () => {
    expect(errorText({ code: 'reservation_canceled', message: 'Too late to accept: the task was canceled (Task TTL Exceeded).' })).toBe('Too late to accept: the task was canceled (Task TTL Exceeded).');
    expect(errorText({ code: 'reservation_canceled', message: '' })).toBe('This task was canceled, so there is nothing to answer.');
  });
});
