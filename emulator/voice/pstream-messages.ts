import { z } from 'zod';

/** PStream protocol version the Voice SDK 2.x speaks. */
export const PSTREAM_VERSION = '1.6';

/** A bare newline is a heartbeat in both directions. */
export const HEARTBEAT = '\n';

const callsid = z.string().min(1).max(64);

/** Messages the Voice SDK sends; anything else is ignored, never trusted. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listen'), payload: z.object({ token: z.string().min(1).max(8192) }).loose() }),
  z.object({ type: z.literal('register'), payload: z.object({ media: z.object({ audio: z.boolean() }).loose() }).loose() }),
  z.object({ type: z.literal('answer'), payload: z.object({ callsid, sdp: z.string().min(1) }).loose() }),
  z.object({ type: z.literal('hangup'), payload: z.object({ callsid, message: z.string().optional() }).loose() }),
  z.object({ type: z.literal('reject'), payload: z.object({ callsid }).loose() }),
  z.object({ type: z.literal('dtmf'), payload: z.object({ callsid, dtmf: z.string().regex(/^[0-9*#w]{1,32}$/) }).loose() }),
  z.object({
    type: z.literal('invite'),
    payload: z.object({ callsid, sdp: z.string().min(1).max(64 * 1024), reconnect: z.string().max(4096).optional(), twilio: z.object({ params: z.string().max(16 * 1024).optional() }).loose().optional() }).loose(),
  }),
  z.object({ type: z.literal('reinvite'), payload: z.object({ callsid, sdp: z.string() }).loose() }),
  z.object({ type: z.literal('message'), payload: z.object({ callsid }).loose() }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Parses one text frame; undefined for heartbeats, malformed JSON and unknown types. */
export function parseClientFrame(text: string): ClientMessage | undefined {
  if (text === HEARTBEAT) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = clientMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export function serverFrame(type: string, payload: Record<string, unknown>): string {
  return JSON.stringify({ type, version: PSTREAM_VERSION, payload });
}

/** Signaling error codes the SDK maps to its own error classes. */
export const SignalingErrorCode = {
  authenticationFailed: 31201,
  tokenInvalid: 31204,
  tokenExpired: 31205,
} as const;
