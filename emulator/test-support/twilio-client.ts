import twilio from 'twilio';
import type { EmulatorReadyInfo } from './emulator-ready';
import { sharedOpenApiValidator } from './openapi-validator';
import { ValidatingRequestClient } from './validating-request-client';

export type TwilioAuth = 'authToken' | 'apiKey';

export interface ValidatedTwilioClient {
  client: twilio.Twilio;
  /** The HTTP client underneath: its `violations` list every response that broke the spec. */
  http: ValidatingRequestClient;
}

/**
 * The official `twilio` client, unmodified, talking to the emulator with either credential
 * flavour. Never sets region/edge: those rewrite the hostname and would leave loopback.
 */
export interface TwilioClientOptions {
  /** The library's own 429 handling (exponential backoff with jitter). */
  autoRetry?: boolean;
  maxRetries?: number;
}

export function twilioClientFor(ready: EmulatorReadyInfo, auth: TwilioAuth = 'authToken', options: TwilioClientOptions = {}): ValidatedTwilioClient {
  const http = new ValidatingRequestClient(ready.url, sharedOpenApiValidator(), options);
  const client =
    auth === 'authToken'
      ? twilio(ready.accountSid, ready.authToken, { httpClient: http })
      : twilio(ready.apiKeySid, ready.apiKeySecret, { accountSid: ready.accountSid, httpClient: http });
  return { client, http };
}

/** A client with deliberately wrong credentials, for the 401 tests. */
export function twilioClientWithCredentials(ready: EmulatorReadyInfo, username: string, password: string, accountSid: string = ready.accountSid): ValidatedTwilioClient {
  const http = new ValidatingRequestClient(ready.url, sharedOpenApiValidator());
  return { client: twilio(username, password, { accountSid, httpClient: http }), http };
}
