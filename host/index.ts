/**
 * The agent host's public API: create a host, read overrides from the
 * environment, and the stores it needs. See host/README.md.
 */
export { createHost, type HostDeps } from './host';
export { overridesFromEnv, type HostOverrides, ENV_VARS, CLI_FLAGS } from './config/overrides';
export { NO_ENDPOINTS } from './config/endpoints';
export { memorySecretStore, memorySettingsStore, fileSettingsStore } from './config/stores';
export type { Host, HostListener, HostEndpoints, DemoEmulator, DemoReady, Clock, SecretStore, SettingsStore, Logger } from './types';
export { SECRET_NAME } from './config/settings';
export { DESKTOP_ONLY_REQUESTS, NEEDS_DESKTOP_APP, type DesktopOnlyRequest } from './actions/desktop-only';
