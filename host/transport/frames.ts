import { bridgeClientMessage, type BridgeServerMessage, type Handlers } from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import { dispatchRequest } from './dispatch';

/** Frames larger than this are answered with an error, unread: no contract input comes close. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** The id used in a response when the frame was too broken to carry one. */
export const UNKNOWN_REQUEST_ID = -1;

/** Reads the id of a frame that failed validation, so the client can still match the error to its request. */
function salvageId(value: unknown): number {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  }
  return UNKNOWN_REQUEST_ID;
}

const reply = (id: number, result: Result<unknown>): BridgeServerMessage => ({ type: 'response', id, result });

/**
 * Turns one raw WebSocket frame into the response to send back. Never throws:
 * binary, oversized, non-JSON and schema-violating frames each get a typed
 * `invalid_input` response, and requests run through `dispatchRequest`.
 */
export async function answerFrame(handlers: Handlers, data: Buffer | string, isBinary: boolean): Promise<BridgeServerMessage> {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > MAX_FRAME_BYTES) return reply(UNKNOWN_REQUEST_ID, err('invalid_input', `The message is too large (${size} bytes; the limit is ${MAX_FRAME_BYTES}).`));
  if (isBinary) return reply(UNKNOWN_REQUEST_ID, err('invalid_input', 'Binary messages are not accepted; send JSON text.'));
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return reply(UNKNOWN_REQUEST_ID, err('invalid_input', 'The message is not valid JSON.'));
  }
  const frame = bridgeClientMessage.safeParse(json);
  if (!frame.success) {
    return reply(salvageId(json), err('invalid_input', 'The message is not a request frame ({type: "request", id, method, input}).'));
  }
  const { id, method, input } = frame.data;
  return reply(id, await dispatchRequest(handlers, method, input));
}

/**
 * One server message as JSON text. A value JSON cannot carry (a cycle, a
 * BigInt) is a host bug: a response becomes an `internal` error under the same
 * id, so the client still gets its answer; an event is dropped (null).
 */
export function encodeServerMessage(message: BridgeServerMessage): string | null {
  try {
    return JSON.stringify(message);
  } catch {
    if (message.type === 'event') return null;
    return JSON.stringify(reply(message.id, err('internal', 'The app produced an answer it could not send. Please try again.')));
  }
}
