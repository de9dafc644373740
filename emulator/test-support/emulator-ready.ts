/**
 * What the emulator announces once it listens (the CLI's ready line and startEmulator's `ready`).
 * Restated here, narrowly, so black-box tests and the benchmark depend only on the documented
 * wire shape, not on the emulator's internals.
 */
export interface EmulatorReadyInfo {
  ready: true;
  url: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  workspaceSid: string;
  workflowSid: string;
  workers: { sid: string; friendlyName: string; contactUri: string }[];
  activities: Record<string, string>;
}
