import { FRAME_MS } from './audio-frames';
import { rmsLevel } from './ulaw';

/** What the emulator measured on one call leg, as `GET /emulator/calls/:sid` reports it. */
export interface MediaFigures {
  packetsReceived: number;
  packetsSent: number;
  /** RMS of the audio received over the last half second, 0 (silence) to 1 (full scale). */
  audioLevel: number;
  /** DTMF digits received on this leg, in order. */
  dtmfReceived: string;
}

const LEVEL_WINDOW_FRAMES = 500 / FRAME_MS;

/** Counts packets and tracks the recent received level of one leg. */
export class MediaMeter {
  private packetsReceived = 0;
  private packetsSent = 0;
  private dtmf = '';
  private readonly recentLevels: number[] = [];
  private firstReceivedAt: number | undefined;

  recordReceived(samples: Int16Array, now: number = Date.now()): void {
    this.packetsReceived++;
    this.firstReceivedAt ??= now;
    this.recentLevels.push(rmsLevel(samples));
    if (this.recentLevels.length > LEVEL_WINDOW_FRAMES) this.recentLevels.shift();
  }

  recordSent(): void {
    this.packetsSent++;
  }

  recordDtmf(digits: string): void {
    this.dtmf += digits;
  }

  /** When the first audio packet arrived (ms since epoch), for latency measurements. */
  get firstPacketReceivedAt(): number | undefined {
    return this.firstReceivedAt;
  }

  figures(): MediaFigures {
    const levels = this.recentLevels;
    // Mean of per-frame RMS values in the window: a stable level a test can threshold.
    const audioLevel = levels.length === 0 ? 0 : levels.reduce((a, b) => a + b, 0) / levels.length;
    return {
      packetsReceived: this.packetsReceived,
      packetsSent: this.packetsSent,
      audioLevel: Math.round(audioLevel * 10000) / 10000,
      dtmfReceived: this.dtmf,
    };
  }
}
