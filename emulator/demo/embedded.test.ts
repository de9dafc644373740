import { describe, expect, it } from 'vitest';
import { startEmbeddedDemo } from './embedded';

describe('startEmbeddedDemo (the one demo start every launcher uses)', () => {
  it('serves the emulator on a free loopback port with demo traffic, and closes it', async () => {
    const demo = await startEmbeddedDemo();
    const auth = { authorization: `Bearer ${demo.ready.adminSecret}` };
    try {
      expect(demo.ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const traffic = (await (await fetch(`${demo.ready.url}/emulator/state`, { headers: auth })).json()) as { traffic?: { mode?: string } };
      expect(traffic.traffic?.mode).toBe('demo');
    } finally {
      await demo.close();
    }
    await expect(fetch(`${demo.ready.url}/emulator/state`, { headers: auth })).rejects.toThrow();
  });

  it('locks its admin API and its ready object (the demo credentials) with a secret made for this launch', async () => {
    const [first, second] = [await startEmbeddedDemo(), await startEmbeddedDemo()];
    try {
      expect(first.ready.adminSecret).toMatch(/^[\w-]{40,}$/);
      expect(first.ready.adminSecret).not.toBe(second.ready.adminSecret);
      // A page on 127.0.0.1 (same-origin GET, no Origin header) gets nothing without it.
      for (const path of ['/emulator/ready', '/emulator/state']) expect((await fetch(`${first.ready.url}${path}`)).status).toBe(401);
      const wrong = await fetch(`${first.ready.url}/emulator/ready`, { headers: { authorization: `Bearer ${second.ready.adminSecret}` } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${first.ready.url}/emulator/ready`, { headers: { authorization: `Bearer ${first.ready.adminSecret}` } });
      expect(right.status).toBe(200);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
