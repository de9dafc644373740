import { FRAME_MS, holdMusic, mixFrames, silence, type AudioSource } from './audio-frames';
import type { MediaEndpoint } from './media-endpoint';

interface Seat {
  endpoint: MediaEndpoint;
  muted: boolean;
  held: boolean;
  /** This participant's own hold music (HoldUrl); else the conference's. */
  holdSource: AudioSource | undefined;
}

/**
 * Mixes a conference's audio every 20 ms: each participant hears everyone
 * else who is neither muted nor on hold; a held participant hears hold music
 * instead and is heard by no one. Everyone keeps receiving packets (silence
 * when nobody talks), as on a real call.
 */
export class ConferenceMixer {
  private readonly seats = new Map<string, Seat>();
  private readonly holdSource: AudioSource;
  private timer: NodeJS.Timeout | undefined;

  constructor(holdSource: AudioSource = holdMusic()) {
    this.holdSource = holdSource;
  }

  add(participantId: string, endpoint: MediaEndpoint): void {
    this.seats.set(participantId, { endpoint, muted: false, held: false, holdSource: undefined });
    this.timer ??= setInterval(() => this.tick(), FRAME_MS);
  }

  remove(participantId: string): void {
    this.seats.delete(participantId);
    if (this.seats.size === 0) this.stop();
  }

  has(participantId: string): boolean {
    return this.seats.has(participantId);
  }

  setMuted(participantId: string, muted: boolean): void {
    const seat = this.seats.get(participantId);
    if (seat) seat.muted = muted;
  }

  setHeld(participantId: string, held: boolean, holdSource?: AudioSource): void {
    const seat = this.seats.get(participantId);
    if (!seat) return;
    seat.held = held;
    seat.holdSource = held ? holdSource : undefined;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const spoken = new Map<string, Int16Array>();
    for (const [id, seat] of this.seats) {
      const frame = seat.endpoint.pullSpoken();
      if (frame && !seat.muted && !seat.held) spoken.set(id, frame);
    }
    const anyoneHeld = [...this.seats.values()].some((seat) => seat.held && !seat.holdSource);
    const holdFrame = anyoneHeld ? this.holdSource() : undefined;
    for (const [id, seat] of this.seats) {
      if (seat.held) {
        seat.endpoint.play(seat.holdSource ? seat.holdSource() : (holdFrame ?? silence()));
        continue;
      }
      const others = [...spoken].filter(([otherId]) => otherId !== id).map(([, frame]) => frame);
      seat.endpoint.play(others.length > 0 ? mixFrames(others) : silence());
    }
  }
}
