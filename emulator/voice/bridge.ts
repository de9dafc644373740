import { ConferenceMixer } from './conference-mixer';
import type { MediaSlot, VoiceCall } from './call-registry';

/**
 * Two calls connected directly, as `<Dial>` and the Dequeue instruction
 * connect them: each hears the other (a two-seat mix, no conference record).
 * Either side leaving (hanging up, or its audio taken elsewhere) ends the
 * bridge for both; `ended` answers the SID of the side that left first.
 */
export class Bridge {
  readonly ended: Promise<string>;
  private resolveEnded!: (leftSid: string) => void;
  private readonly mixer = new ConferenceMixer();
  private over = false;
  readonly slots: Map<string, MediaSlot>;

  constructor(
    readonly a: VoiceCall,
    readonly b: VoiceCall,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.slots = new Map([a, b].map((call) => [call.sid, { release: () => this.end(call.sid) }]));
  }

  /** Starts mixing; the caller attaches each call's slot first. */
  start(): void {
    for (const call of [this.a, this.b]) {
      if (call.endpoint) this.mixer.add(call.sid, call.endpoint);
    }
  }

  other(callSid: string): VoiceCall {
    return callSid === this.a.sid ? this.b : this.a;
  }

  end(leftSid: string): void {
    if (this.over) return;
    this.over = true;
    this.mixer.stop();
    for (const call of [this.a, this.b]) {
      if (call.media === this.slots.get(call.sid)) {
        call.media = undefined;
        if (call.activity.kind === 'bridge') call.activity = { kind: 'idle', detail: null };
      }
    }
    this.resolveEnded(leftSid);
  }
}
