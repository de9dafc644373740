import { requests, type Handlers, type RequestName } from '../../shared/contract';
import { parseWith } from '../../shared/parse';
import { err, type Result } from '../../shared/result';

/** True when `method` names a contract request (own property only: `__proto__` or `toString` are not methods). */
export function isRequestName(method: unknown): method is RequestName {
  return typeof method === 'string' && Object.prototype.hasOwnProperty.call(requests, method);
}

/**
 * Runs one contract request from an untrusted caller (a WebSocket frame or an
 * IPC message): the method must exist, the input is parsed with the contract's
 * schema before the handler sees it, and a handler that throws anyway (a bug)
 * becomes an `internal` error instead of taking the host down.
 */
export async function dispatchRequest(handlers: Handlers, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isRequestName(method)) {
    return err('invalid_input', `Unknown request${typeof method === 'string' ? ` "${method.slice(0, 64)}"` : ''}.`, { field: 'method' });
  }
  const parsed = parseWith(requests[method].input, input ?? {});
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[method] as (value: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.value);
  } catch {
    // Deliberately not echoing the exception: it might carry a credential or a stack trace.
    return err('internal', 'Something went wrong in the app while handling this request. Please try again.');
  }
}
