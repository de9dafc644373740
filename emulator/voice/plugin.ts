import type { EmulatorPlugin } from '../index';
import { registerVoiceAdminRoutes } from './admin-routes';
import { VoiceCallNetwork } from './call-network';
import { DEMO_APP_PATH, registerDemoTwimlApp } from './demo-twiml-app';
import { outgoingCallHandler, TwimlApps } from './outgoing-calls';
import { taskRouterPort } from './task-router-port';
import { TaskRouterVoiceBridge } from './task-router-voice-bridge';
import type { TwimlHost } from './twiml/twiml-host';
import { VoiceEmulator } from './voice-emulator';

export interface VoicePluginOptions {
  heartbeatMs?: number;
}

/**
 * Real voice for the emulator: Voice SDK signaling on `/signal` of the
 * emulator's own server (so `ws://<emulator>/signal` is the URL the app points
 * the SDK at), real calls behind TaskRouter's voice instructions, TwiML, the
 * API 2010 records kept in step, the built-in TwiML app and the voice admin
 * endpoints.
 */
export function voicePlugin(options: VoicePluginOptions = {}): EmulatorPlugin {
  return async ({ app, engine, ready, onUpgrade }) => {
    const voice = await VoiceEmulator.start({
      // Tokens are signed with the emulator's API key, as Twilio's are with yours.
      lookupSecret: (sid) => (sid === ready.apiKeySid ? ready.apiKeySecret : undefined),
      heartbeatMs: options.heartbeatMs,
    });
    onUpgrade((request, socket, head) => voice.handleUpgrade(request, socket, head));
    // The host is built after the network because each needs the other; the network reads it lazily.
    const hostRef: { current?: TwimlHost } = {};
    const network = new VoiceCallNetwork(engine.calls, voice, () => hostRef.current!, engine.accountSid, ready.authToken);
    const host: TwimlHost = { voice, accountSid: engine.accountSid, authToken: ready.authToken, taskRouter: taskRouterPort(engine), onCallCreated: (call) => network.mirrorCall(call) };
    hostRef.current = host;
    const bridge = new TaskRouterVoiceBridge(engine, voice, network, host, ready.workflowSid);
    engine.setVoiceBridge(bridge);
    const apps = new TwimlApps(() => ready.url + DEMO_APP_PATH);
    voice.setOutgoingCallHandler(outgoingCallHandler({ host, network, apps }));
    registerDemoTwimlApp(app, () => ready.url);
    registerVoiceAdminRoutes(app, { engine, voice, network, bridge, host, apps, workflowSid: ready.workflowSid });
    // Before the server closes: open signaling sockets would otherwise keep it from closing.
    app.addHook('preClose', async () => {
      await voice.close();
    });
  };
}
