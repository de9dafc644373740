// Black-box test support for the emulator: start it, talk to it through the official
// `twilio` library (every response checked against Twilio's OpenAPI specs), drive the
// admin API, and wait for conditions instead of sleeping.
export { startTestEmulator, type TestEmulator, type EmulatorOptions, type RunningEmulator } from './start-test-emulator';
export { twilioClientFor, twilioClientWithCredentials, type TwilioAuth, type TwilioClientOptions, type ValidatedTwilioClient } from './twilio-client';
export { admin, adminHeaders, type AdminClient, type AdminTaskInput, type AdminFaults, type DumpedReservation } from './admin';
export { waitFor, type WaitForOptions } from '../../test-support/wait-for';
export { OpenApiValidator, sharedOpenApiValidator, type SpecViolation } from './openapi-validator';
export { ValidatingRequestClient } from './validating-request-client';
export type { EmulatorReadyInfo } from './emulator-ready';
export * from './scenario';
export { rawRequest, rawSocketExchange, utf8Path, type RawRequest, type RawResponse } from './raw-http';
export { useTestEmulator, type UseTestEmulatorOptions } from './use-test-emulator';
export { startTwimlServer, type TwimlServer, type TwimlRequest } from './twiml-server';
export { startCallbackServer, type CallbackServer, type CallbackReply, type ReceivedCallback } from './callback-server';
export { repoRoot } from './spec-paths';
