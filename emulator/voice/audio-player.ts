import { FRAME_MS, type AudioSource } from './audio-frames';
import type { MediaSlot } from './call-registry';
import type { MediaEndpoint } from './media-endpoint';

/**
 * Plays an audio source to one call, 20 ms at a time (<Say>, <Play>, <Pause>,
 * queue hold music, ringback). What the party says meanwhile is discarded, as
 * nobody is listening. `done` resolves when the frames ran out ('finished')
 * or the call's audio was taken elsewhere or it ended ('released').
 */
export class AudioPlayer implements MediaSlot {
  readonly done: Promise<'finished' | 'released'>;
  private resolveDone!: (how: 'finished' | 'released') => void;
  private timer: NodeJS.Timeout | undefined;
  private framesLeft: number;

  /** `frames` null plays until released. */
  constructor(
    private readonly endpoint: MediaEndpoint,
    private readonly source: AudioSource,
    frames: number | null,
  ) {
    this.framesLeft = frames ?? Number.POSITIVE_INFINITY;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  start(): this {
    if (this.framesLeft <= 0) {
      this.resolveDone('finished');
      return this;
    }
    this.timer = setInterval(() => this.tick(), FRAME_MS);
    return this;
  }

  release(): void {
    this.stop('released');
  }

  private tick(): void {
    this.endpoint.pullSpoken();
    this.endpoint.play(this.source());
    this.framesLeft--;
    if (this.framesLeft <= 0) this.stop('finished');
  }

  private stop(how: 'finished' | 'released'): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.resolveDone(how);
  }
}

/** Frames of audio for a duration in seconds. */
export const framesFor = (seconds: number): number => Math.max(0, Math.round((seconds * 1000) / FRAME_MS));
