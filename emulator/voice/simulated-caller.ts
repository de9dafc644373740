import { speechLikeTone, type AudioSource } from './audio-frames';
import { MediaMeter } from './media-figures';
import type { MediaEndpoint } from './media-endpoint';

/**
 * The caller's side of a PSTN call, played by the emulator: it talks (a
 * speech-like tone) and measures what it hears, so tests can check that the
 * agent's voice reaches the caller.
 */
export class SimulatedCaller implements MediaEndpoint {
  readonly meter = new MediaMeter();
  private closed = false;

  constructor(private readonly voice: AudioSource = speechLikeTone()) {}

  pullSpoken(): Int16Array | undefined {
    if (this.closed) return undefined;
    this.meter.recordSent();
    return this.voice();
  }

  play(samples: Int16Array): void {
    if (!this.closed) this.meter.recordReceived(samples);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
