import type { HostOverrides } from '../../host/index';
import type { EmulatorReadyInfo } from '../../emulator/test-support/emulator-ready';

/** Account mode against the bench's emulator, as a real deployment's settings would point a host at Twilio. */
export const emulatorAccountOverrides = (ready: EmulatorReadyInfo, workerSid: string, transport: 'subscribe' | 'poll'): HostOverrides => ({
  mode: 'account',
  accountSid: ready.accountSid,
  apiKeySid: ready.apiKeySid,
  secret: ready.apiKeySecret,
  workspaceSid: ready.workspaceSid,
  workerSid,
  restBaseUrl: ready.url,
  transport,
});
