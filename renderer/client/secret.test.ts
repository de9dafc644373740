import { describe, expect, it } from 'vitest';
import { bridgeUrl, takeBridgeSecret } from './secret';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
};

describe('bridge secret', () => {
  it('moves the secret from the hash into session storage and strips the address bar', () => {
    const storage = memory();
    const replaced: string[] = [];
    const secret = takeBridgeSecret({ hash: '#secret=abc123', pathname: '/', search: '' }, storage, (u) => replaced.push(u));
    expect(secret).toBe('abc123');
    expect(replaced).toEqual(['/']);
    // After a reload the hash is gone but the tab still knows the secret.
    expect(takeBridgeSecret({ hash: '', pathname: '/', search: '' }, storage, (u) => replaced.push(u))).toBe('abc123');
    expect(replaced).toHaveLength(1);
  });

  it('builds the bridge URL on the same host with the page scheme', () => {
    expect(bridgeUrl('a b', { protocol: 'http:', host: '127.0.0.1:5' })).toBe('ws://127.0.0.1:5/bridge?secret=a%20b');
    expect(bridgeUrl('x', { protocol: 'https:', host: 'h' })).toBe('wss://h/bridge?secret=x');
  });
});
