import { expect, type Page } from '@playwright/test';
import { installSignalingRedirect } from '../../../renderer/voice/signaling-redirect';
/** Opens the harness page with the signaling redirect installed before the SDK loads. */
export async function openSdkPage(page: Page, harness: { origin: string; signalingUrl: string }): Promise<void> {
  await page.addInitScript(installSignalingRedirect, harness.signalingUrl);
  await page.goto(harness.origin + '/');
}

/**
 * Creates and registers a Device in the page. Incoming calls are kept in
 * `window.__voice`, with the events the SDK emitted, for the test to inspect.
 */
export async function registerDevice(page: Page, token: string, sounds: Record<string, string>, tokenRefreshMs?: number): Promise<void> {
  await page.evaluate(
    async ({ token, sounds, tokenRefreshMs }) => {
      type AnyCall = { on(event: string, fn: (...args: unknown[]) => void): void; parameters: Record<string, string>; customParameters: Map<string, string> };
      const w = globalThis as unknown as {
        Twilio: { Device: new (token: string, options: Record<string, unknown>) => { on(event: string, fn: (...args: unknown[]) => void): void; register(): Promise<void>; updateToken(t: string): void; state: string } };
        __voice: { device: unknown; calls: AnyCall[]; events: string[]; tokenRefreshes: number };
      };
      const device = new w.Twilio.Device(token, {
        sounds,
        publishEvents: false,
        closeProtection: false,
        logLevel: 'warn',
        ...(tokenRefreshMs !== undefined ? { tokenRefreshMs } : {}),
      });
      w.__voice = { device, calls: [], events: [], tokenRefreshes: 0 };
      for (const event of ['registered', 'unregistered', 'error', 'tokenWillExpire']) {
        device.on(event, (arg) => w.__voice.events.push(event === 'error' ? `error:${(arg as { code?: number }).code}` : event));
      }
      // When the test exposed a token minter, refresh on every tokenWillExpire as an app must.
      const minter = (globalThis as unknown as { mintVoiceToken?: () => Promise<string> }).mintVoiceToken;
      if (minter) {
        device.on('tokenWillExpire', () => {
          void minter().then((fresh) => {
            device.updateToken(fresh);
            w.__voice.tokenRefreshes++;
          });
        });
      }
      device.on('incoming', (call) => {
        const c = call as AnyCall;
        w.__voice.calls.push(c);
        w.__voice.events.push('incoming');
        for (const event of ['accept', 'cancel', 'disconnect', 'reject', 'error']) c.on(event, () => w.__voice.events.push(`call:${event}`));
      });
      await device.register();
    },
    { token, sounds, tokenRefreshMs },
  );
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __voice: { device: { state: string } } }).__voice.device.state)).toBe('registered');
}

export async function voiceEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __voice: { events: string[] } }).__voice.events);
}

/** Audio RTP counters of the page's active call, from the browser's own getStats(). */
export async function browserAudioStats(page: Page): Promise<{ packetsReceived: number; packetsSent: number }> {
  return page.evaluate(async () => {
    const w = globalThis as unknown as { __voice: { calls: Array<{ getMediaStream?: () => unknown; _mediaHandler?: { version?: { pc?: { getStats(): Promise<{ forEach(fn: (stat: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => void): void }> } } } }> } };
    const call = w.__voice.calls.at(-1);
    const pc = call?._mediaHandler?.version?.pc;
    if (!pc) return { packetsReceived: 0, packetsSent: 0 };
    const report = await pc.getStats();
    let packetsReceived = 0;
    let packetsSent = 0;
    report.forEach((stat: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => {
      if (stat.type === 'inbound-rtp' && stat.kind === 'audio') packetsReceived += stat.packetsReceived ?? 0;
      if (stat.type === 'outbound-rtp' && stat.kind === 'audio') packetsSent += stat.packetsSent ?? 0;
    });
    return { packetsReceived, packetsSent };
  });
}

/** Runs a method of the page's latest incoming call (accept, mute(true), sendDigits('1'), disconnect...). */
export async function callMethod(page: Page, method: string, arg?: unknown): Promise<void> {
  await page.evaluate(
    ({ method, arg }) => {
      const w = globalThis as unknown as { __voice: { calls: Array<Record<string, (a?: unknown) => void>> } };
      const call = w.__voice.calls.at(-1);
      if (!call) throw new Error('no incoming call');
      call[method]!(arg);
    },
    { method, arg },
  );
}

/**
 * Places an outgoing call from the page's Device (`device.connect({params})`);
 * the call joins `window.__voice.calls` with its events, like incoming ones.
 */
export async function connectCall(page: Page, params: Record<string, string>): Promise<void> {
  await page.evaluate(async (params) => {
    type AnyCall = { on(event: string, fn: (...args: unknown[]) => void): void };
    const w = globalThis as unknown as { __voice: { device: { connect(o: { params: Record<string, string> }): Promise<AnyCall> }; calls: AnyCall[]; events: string[] } };
    const call = await w.__voice.device.connect({ params });
    w.__voice.calls.push(call);
    for (const event of ['accept', 'ringing', 'disconnect', 'cancel', 'error']) call.on(event, (arg) => w.__voice.events.push(event === 'error' ? `call:error:${(arg as { code?: number }).code}` : `call:${event}`));
  }, params);
}

/** The CallSid the SDK holds for the page's latest call (an outgoing call adopts the emulator's CA SID on answer). */
export async function latestCallSid(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as { __voice: { calls: Array<{ parameters: { CallSid?: string } }> } }).__voice.calls.at(-1)?.parameters.CallSid);
}
