import { describe, expect, it } from 'vitest';
import { settingsInput } from './contract';
import { conferenceOptions } from './instructions';
import { parseAll, parseWith } from './parse';

// The words are the renderer's (renderer/i18n/catalogue.test.ts checks every issue has them in every language);
// here: every problem becomes an issue key with the numbers its sentence needs, never zod's developer text.
describe('parse issues', () => {
  it('answers every invalid field at once, as issue keys with their numbers, never zod text', () => {
    const parsed = parseAll(conferenceOptions, { timeout: 1.5, maxParticipants: 1, beep: 'loud', record: 'yes', sipAuthUsername: 'x'.repeat(300) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields).sort()).toEqual(['beep', 'maxParticipants', 'record', 'sipAuthUsername', 'timeout']);
    expect(parsed.fields.timeout).toEqual({ key: 'seconds_whole' });
    expect(parsed.fields.sipAuthUsername).toEqual({ key: 'too_long', params: { max: 256 } });
    expect(parsed.fields.maxParticipants).toEqual({ key: 'too_small', params: { min: 2 } });
    expect(parsed.fields.record).toEqual({ key: 'yes_no' });
  });

  it('gives the bound with a range issue, and a terse English message for logs', () => {
    const parsed = parseWith(conferenceOptions, { timeout: 0 });
    expect(!parsed.ok && parsed.error).toMatchObject({ code: 'invalid_input', field: 'timeout', fields: { timeout: { key: 'seconds_min', params: { min: 1 } } } });
    expect(!parsed.ok && parsed.error.message).toBe('Invalid input: timeout: seconds_min {"min":1}');
  });

  it('names the field of a too long secret and never echoes the secret', () => {
    const secret = 'x'.repeat(300);
    const parsed = parseWith(settingsInput, { mode: 'account', accountSid: `AC${'a'.repeat(32)}`, workspaceSid: `WS${'a'.repeat(32)}`, workerSid: `WK${'a'.repeat(32)}`, secret });
    expect(!parsed.ok && parsed.error).toMatchObject({ code: 'invalid_input', field: 'secret', fields: { secret: { key: 'too_long', params: { max: 256 } } } });
    expect(JSON.stringify(parsed)).not.toContain(secret);
  });
});
