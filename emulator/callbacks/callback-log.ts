/**
 * What the emulator's callbacks did, newest last, for `GET /emulator/callbacks` (the
 * emulator's stand-in for Twilio's Debugger): each request, its answer or failure,
 * and what became of an assignment instruction. Bounded.
 */

export interface CallbackLogEntry {
  kind: 'assignment' | 'event';
  /** The URL requested (fallback included). */
  url: string;
  at: number;
  /** The HTTP status answered, or null when the request failed. */
  status: number | null;
  outcome: string;
  reservationSid?: string;
  eventType?: string;
  /** Twilio's debugger code when there is one (40001 not JSON, 40005 no instruction...). */
  code?: number;
}

const LIMIT = 500;

export class CallbackLog {
  private readonly entries: CallbackLogEntry[] = [];
  /** Event callbacks dropped because the queue was full (a callback server too slow for the traffic). */
  dropped = 0;

  add(entry: CallbackLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > LIMIT) this.entries.splice(0, this.entries.length - LIMIT);
  }

  list(): CallbackLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
    this.dropped = 0;
  }
}
