import { afterEach, beforeEach, expect } from 'vitest';
import { onlyAvailable, workerSid } from './scenario';
import { startTestEmulator, type EmulatorOptions, type TestEmulator } from './start-test-emulator';

export interface UseTestEmulatorOptions {
  /** Worker indices left Available after start (the others go Offline); omit to leave all as started. */
  onlyAvailable?: number[];
  /** The message of the afterEach check that no response broke Twilio's OpenAPI specs. */
  violationsMessage?: string;
}

/**
 * Registers vitest hooks giving every test in the file a fresh emulator: `beforeEach` starts
 * one (and applies `onlyAvailable`), `afterEach` closes it and expects no spec violations.
 * Returns a handle that forwards to the current test's emulator, so it can be used as a
 * `TestEmulator` anywhere a test or its helpers run.
 */
export function useTestEmulator(emulatorOptions: EmulatorOptions = {}, options: UseTestEmulatorOptions = {}): TestEmulator {
  let current: TestEmulator | undefined;
  const env = (): TestEmulator => {
    if (!current) throw new Error('the test emulator runs only inside a test (between beforeEach and afterEach)');
    return current;
  };

  beforeEach(async () => {
    current = await startTestEmulator(emulatorOptions);
    const available = options.onlyAvailable;
    if (available) await onlyAvailable(current, available.map((index) => workerSid(current!, index)));
  });

  afterEach(async () => {
    const violations = env().specViolations();
    await env().close();
    current = undefined;
    expect(violations, options.violationsMessage ?? 'every response must match Twilio OpenAPI specs').toEqual([]);
  });

  return {
    get running() {
      return env().running;
    },
    get ready() {
      return env().ready;
    },
    get admin() {
      return env().admin;
    },
    get client() {
      return env().client;
    },
    newClient: (auth, clientOptions) => env().newClient(auth, clientOptions),
    specViolations: () => env().specViolations(),
    responseCount: () => env().responseCount(),
    exchanges: () => env().exchanges(),
    twilioFetch: (pathOrUrl, init) => env().twilioFetch(pathOrUrl, init),
    advance: (ms) => env().advance(ms),
    close: () => env().close(),
  };
}
