import { describe, expect, it } from 'vitest';
import { createRedactor, redactValue, REMOVED } from './redact';

const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJBQzEyMyJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const account = `AC${'a'.repeat(32)}`;

describe('redaction', () => {
  const redact = createRedactor(['s3cret-value-123', null, 'short']);

  it('removes known secrets, in plain, URL-encoded and JSON-escaped form', () => {
    expect(redact('key s3cret-value-123 and s3cret-value-123')).toBe(`key ${REMOVED} and ${REMOVED}`);
    const odd = createRedactor(['p@ss/w"rd=1234']);
    expect(odd(`a=${encodeURIComponent('p@ss/w"rd=1234')} b=${JSON.stringify('p@ss/w"rd=1234')}`)).not.toMatch(/p@ss|p%40ss/);
    // Values too short to be secrets would erase ordinary words.
    expect(redact('short')).toBe('short');
  });

  it('removes JWTs, Authorization values, bare 32-hex strings, URL query values and fragments, and keeps SIDs', () => {
    expect(redact(`token ${jwt} end`)).toBe(`token ${REMOVED} end`);
    expect(redact('Authorization: Bearer abcdefghijk.lmnop')).toBe(`Authorization: ${REMOVED}`);
    expect(redact(`auth ${'f'.repeat(32)} for ${account}`)).toBe(`auth ${REMOVED} for ${account}`);
    expect(redact('https://backend.example/token?key=abc123&kind=voice#frag')).toBe(`https://backend.example/token?key=${REMOVED}&kind=${REMOVED}#${REMOVED}`);
    expect(redact('http://127.0.0.1:5173/#secret=abcdef')).toBe(`http://127.0.0.1:5173/#${REMOVED}`);
  });

  it('removes every string under a key naming a secret, but keeps names of things and flags', () => {
    const value = { apiKeySid: `SK${'1'.repeat(32)}`, apiKeySecret: 'x', voiceToken: 'y', tokenUrl: 'https://b.example/t?k=v', hasSecret: true, nested: [{ password: 'p' }] };
    expect(redactValue(value, redact)).toEqual({
      apiKeySid: `SK${'1'.repeat(32)}`,
      apiKeySecret: REMOVED,
      voiceToken: REMOVED,
      tokenUrl: `https://b.example/t?k=${REMOVED}`,
      hasSecret: true,
      nested: [{ password: REMOVED }],
    });
  });
});
