import { describe, expect, it } from 'vitest';
import { describeVoiceError } from './voice-errors';

describe('voice errors', () => {
  it('are sentences for the agent with the code at the end, never the SDK text', () => {
    expect(describeVoiceError(31005)).toBe('The connection to the voice service dropped. The phone reconnects by itself; a call in progress may have ended. (error 31005)');
    expect(describeVoiceError(99999)).toMatch(/^The phone ran into a problem\..*\(error 99999\)$/);
    expect(describeVoiceError(undefined)).not.toMatch(/error/i);
  });
});
