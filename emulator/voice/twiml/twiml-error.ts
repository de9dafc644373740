/**
 * A TwiML failure, with the Twilio error code its debugger would log:
 *  11100 invalid URL, 11200 HTTP retrieval failure, 11205 connection failure,
 *  11750 response too large, 12100 document parse failure, 12200 schema
 *  (an element or attribute the emulator cannot run), 12300 invalid
 *  Content-Type, 12400 internal (limits such as the redirect bound),
 *  13xxx verb errors (13214 Dial, 14215 Queue reservationSid), 21218 an
 *  emulator-only refusal of a URL that is not on loopback.
 */
export class TwimlError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly url?: string,
  ) {
    super(message);
    this.name = 'TwimlError';
  }
}

/** The record a call keeps of what went wrong, shown by `GET /emulator/calls/CA…`. */
export interface TwimlErrorRecord {
  code: number;
  message: string;
  url: string | null;
  at: string;
}

export function errorRecord(error: unknown): TwimlErrorRecord {
  const at = new Date().toISOString();
  if (error instanceof TwimlError) return { code: error.code, message: error.message, url: error.url ?? null, at };
  return { code: 12400, message: `Internal emulator failure: ${error instanceof Error ? error.message : String(error)}`, url: null, at };
}
