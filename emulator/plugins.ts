import { eventBridgePlugin } from './eventbridge/plugin';
import { voicePlugin } from './voice/plugin';
import type { EmulatorPlugin } from './index';

/**
 * Extensions registered on every emulator before it listens: the Worker SDK's
 * EventBridge (emulator/eventbridge/) and real voice (emulator/voice/) add
 * their imports here.
 */
export const plugins: EmulatorPlugin[] = [eventBridgePlugin(), voicePlugin()];
