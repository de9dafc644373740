import type twilio from 'twilio';
import { startEmulator } from '../index';
import { admin, type AdminClient } from './admin';
import type { EmulatorReadyInfo } from './emulator-ready';
import { sharedOpenApiValidator, type SpecViolation } from './openapi-validator';
import { twilioClientFor, type TwilioAuth, type TwilioClientOptions, type ValidatedTwilioClient } from './twilio-client';

export type EmulatorOptions = NonNullable<Parameters<typeof startEmulator>[0]>;
export type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

export interface TestEmulator {
  running: RunningEmulator;
  ready: EmulatorReadyInfo;
  admin: AdminClient;
  /** The official client with account SID + auth token; its responses are spec-checked. */
  client: twilio.Twilio;
  /** Another spec-checked official client (e.g. with the API key); counted in `specViolations()`. */
  newClient(auth: TwilioAuth, options?: TwilioClientOptions): twilio.Twilio;
  /** Every response any of this emulator's clients received that broke Twilio's OpenAPI specs. */
  specViolations(): SpecViolation[];
  /** How many responses the clients received (and validated). */
  responseCount(): number;
  /** Requests made by the default client, in order. */
  exchanges(): ValidatedTwilioClient['http']['exchanges'];
  /**
   * Raw HTTP to a Twilio path (account SID + token added) for what the library cannot send
   * (missing required params) or where speed matters; the answer is spec-checked like the clients'.
   */
  twilioFetch(pathOrUrl: string, init?: { method?: string; form?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: unknown }>;
  /** Moves the simulated clock forward (manual clock), firing due timers. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An in-process emulator for black-box tests: port 0 on loopback, manual clock (time moves
 * only through `advance`), no demo traffic, quiet logs. Options override those defaults.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({ port: 0, host: '127.0.0.1', traffic: 'off', manualClock: true, logger: false, ...options });
  const ready: EmulatorReadyInfo = running.ready;
  const adminClient = admin(ready);
  const clients: ValidatedTwilioClient[] = [twilioClientFor(ready, 'authToken')];
  const primary = clients[0]!;
  const rawViolations: SpecViolation[] = [];
  const authorization = `Basic ${Buffer.from(`${ready.accountSid}:${ready.authToken}`).toString('base64')}`;
  return {
    running,
    ready,
    admin: adminClient,
    client: primary.client,
    newClient(auth, clientOptions) {
      const created = twilioClientFor(ready, auth, clientOptions);
      clients.push(created);
      return created.client;
    },
    specViolations: () => [...clients.flatMap((c) => c.http.violations), ...rawViolations],
    responseCount: () => clients.reduce((sum, c) => sum + c.http.exchanges.length, 0),
    exchanges: () => primary.http.exchanges,
    async twilioFetch(pathOrUrl, init = {}) {
      const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${ready.url}${pathOrUrl}`;
      const method = init.method ?? (init.form ? 'POST' : 'GET');
      const response = await fetch(url, {
        method,
        headers: { authorization, ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      });
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      const violation = sharedOpenApiValidator().validate({ method, url, status: response.status, body });
      if (violation) rawViolations.push(violation);
      return { status: response.status, headers: response.headers, body };
    },
    async advance(ms) {
      const response = await adminClient.advanceClock(ms);
      if (response.status !== 200) throw new Error(`advancing the clock answered ${response.status}: ${JSON.stringify(response.body)}`);
    },
    close: () => running.close(),
  };
}
