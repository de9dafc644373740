import { describe, expect, it } from 'vitest';
import { createHost, memorySecretStore, memorySettingsStore } from '../index';
import { DESKTOP_ONLY_REQUESTS, NEEDS_DESKTOP_APP } from './desktop-only';

describe('desktop-only requests in the runtime-agnostic host (browser mode)', () => {
  it('answer unsupported, saying they need the desktop app, whatever the input', async () => {
    const host = createHost({ secrets: memorySecretStore(), settings: memorySettingsStore() });
    const inputs: Record<(typeof DESKTOP_ONLY_REQUESTS)[number], unknown> = {
      getGlobalShortcuts: {},
      saveGlobalShortcuts: { enabled: true },
      suspendGlobalShortcuts: { suspended: true },
      reportLocale: { locale: 'es' },
    };
    for (const name of DESKTOP_ONLY_REQUESTS) {
      const handler = host.handlers[name] as (input: unknown) => Promise<unknown>;
      expect(await handler(inputs[name]), name).toEqual({ ok: false, error: { code: 'unsupported', message: NEEDS_DESKTOP_APP } });
    }
    // Bad input is still refused as such first.
    expect(await host.handlers.saveGlobalShortcuts({ enabled: 'yes' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
