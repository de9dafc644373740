/**
 * The transport: how the host's contract reaches a renderer, shared by both
 * shells so that neither imports the other. Electron's IPC (electron/ipc.ts,
 * electron/app-protocol.ts) and the browser bridge (host/browser-bridge/) each
 * only move bytes; everything else is here. See README.md.
 */
export { dispatchRequest, isRequestName } from './dispatch';
export { answerFrame, encodeServerMessage, MAX_FRAME_BYTES, UNKNOWN_REQUEST_ID } from './frames';
export { deliverHostEvents, type EventDelivery } from './events';
export { contentSecurityPolicy, isCspOrigin, securityHeaders, type CspSources } from './security-headers';
export { connectSourcesFor, PageConnectPolicy, TWILIO_CONNECT_SRC } from './connect-sources';
