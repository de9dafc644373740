import { describe, expect, it } from 'vitest';
import { settingsInput } from './contract';
import { conferenceOptions } from './instructions';
import { parseAll, parseWith } from './parse';

describe('parse wording', () => {
  it('answers every invalid field at once, in sentences, never zod text', () => {
    const parsed = parseAll(conferenceOptions, { timeout: 1.5, maxParticipants: 1, beep: 'loud', record: 'yes', sipAuthUsername: 'x'.repeat(300) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields).sort()).toEqual(['beep', 'maxParticipants', 'record', 'sipAuthUsername', 'timeout']);
    expect(parsed.fields.timeout).toBe('Ring timeout must be a whole number of seconds');
    expect(parsed.fields.sipAuthUsername).toBe('SIP auth username can be at most 256 characters long');
    for (const message of Object.values(parsed.fields)) expect(message).not.toMatch(/Too big|Too small|Invalid input|Invalid option|expected|wrong type/);
  });

  it('says "1 second", not "1 seconds"', () => {
    const parsed = parseWith(conferenceOptions, { timeout: 0 });
    expect(!parsed.ok && parsed.error.message).toBe('Ring timeout must be at least 1 second');
  });

  it('words a too long secret for a person and names the field', () => {
    const parsed = parseWith(settingsInput, { mode: 'account', accountSid: `AC${'a'.repeat(32)}`, workspaceSid: `WS${'a'.repeat(32)}`, workerSid: `WK${'a'.repeat(32)}`, secret: 'x'.repeat(300) });
    expect(!parsed.ok && parsed.error).toMatchObject({ code: 'invalid_input', field: 'secret', message: 'Secret can be at most 256 characters long' });
  });
});
