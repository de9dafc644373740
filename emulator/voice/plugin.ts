import type { EmulatorPlugin } from '../index';
import { registerVoiceAdminRoutes } from './admin-routes';
import { CallStoreMirror } from './call-store-mirror';
import { TaskRouterVoiceBridge } from './task-router-voice-bridge';
import { VoiceEmulator } from './voice-emulator';

export interface VoicePluginOptions {
  heartbeatMs?: number;
}

/**
 * Real voice for the emulator: Voice SDK signaling on `/signal` of the
 * emulator's own server (so `ws://<emulator>/signal` is the URL the app points
 * the SDK at), real calls behind TaskRouter's voice instructions, the API 2010
 * records kept in step, and the voice admin endpoints.
 */
export function voicePlugin(options: VoicePluginOptions = {}): EmulatorPlugin {
  return async ({ app, engine, ready, onUpgrade }) => {
    const voice = await VoiceEmulator.start({
      // Tokens are signed with the emulator's API key, as Twilio's are with yours.
      lookupSecret: (sid) => (sid === ready.apiKeySid ? ready.apiKeySecret : undefined),
      heartbeatMs: options.heartbeatMs,
    });
    onUpgrade((request, socket, head) => voice.handleUpgrade(request, socket, head));
    const mirror = new CallStoreMirror(engine.calls, voice);
    engine.setVoiceBridge(new TaskRouterVoiceBridge(engine, voice, mirror));
    registerVoiceAdminRoutes(app, { engine, voice, mirror, workflowSid: ready.workflowSid });
    // Before the server closes: open signaling sockets would otherwise keep it from closing.
    app.addHook('preClose', async () => {
      await voice.close();
    });
  };
}
