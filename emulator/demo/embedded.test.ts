import { describe, expect, it } from 'vitest';
import { startEmbeddedDemo } from './embedded';

describe('startEmbeddedDemo (the one demo start every launcher uses)', () => {
  it('serves the emulator on a free loopback port with demo traffic, and closes it', async () => {
    const demo = await startEmbeddedDemo();
    try {
      expect(demo.ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const traffic = (await (await fetch(`${demo.ready.url}/emulator/state`)).json()) as { traffic?: { mode?: string } };
      expect(traffic.traffic?.mode).toBe('demo');
    } finally {
      await demo.close();
    }
    await expect(fetch(`${demo.ready.url}/emulator/state`)).rejects.toThrow();
  });
});
