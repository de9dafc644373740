import type { MediaMeter } from './media-figures';

/**
 * One party's audio as a conference sees it: what they say (pulled every
 * 20 ms) and what they hear (played every 20 ms). Both the simulated caller and
 * the WebRTC leg to the agent's browser implement it, so the conference mixer
 * treats them alike.
 */
export interface MediaEndpoint {
  /** The next 20 ms the party said, or undefined when nothing new arrived. */
  pullSpoken(): Int16Array | undefined;
  /** Plays 20 ms of audio to the party. */
  play(samples: Int16Array): void;
  readonly meter: MediaMeter;
  close(): Promise<void>;
}
