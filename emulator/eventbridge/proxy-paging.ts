import type { EngineError, EngineResult } from '../domain/types';

/** Answers and paging shared by the EventBridge proxy routes. */

export const fail = (status: number, code: number, message: string): { ok: false; error: EngineError } => ({ ok: false, error: { status, code, message } });
export const notFound = (what: string) => fail(404, 20404, `The requested resource ${what} was not found`);
export const forbidden = (message: string) => fail(403, 20403, message);
export const badRequest = (message: string) => fail(400, 20001, message);

const MAX_PAGE = 1000;

function pageSize(params: Record<string, unknown>): number {
  const requested = Number(params.PageSize);
  return Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_PAGE) : MAX_PAGE;
}

/**
 * The SDK's paging: `PageSize` items after `AfterSid`; a non-null `after_sid`
 * in the answer means "there is more, ask again with this".
 */
export function page<T extends { sid: string }>(items: T[], params: Record<string, unknown>): { contents: T[]; after_sid: string | null } {
  const size = pageSize(params);
  const after = typeof params.AfterSid === 'string' ? params.AfterSid : undefined;
  const start = after ? items.findIndex((item) => item.sid === after) + 1 : 0;
  const contents = items.slice(start, start + size);
  const more = start + size < items.length;
  return { contents, after_sid: more ? (contents[contents.length - 1]?.sid ?? null) : null };
}

/**
 * With `Ordering` the Workspace class pages by `NextToken` and reads `meta.next_token`
 * instead of `after_sid` (twilio-taskrouter 2.1 WorkspaceEntity). The token is the
 * offset of the next page, opaque to the SDK.
 */
export function orderedPage<T>(items: T[], params: Record<string, unknown>): EngineResult<{ contents: T[]; meta: { next_token: string | null } }> {
  const size = pageSize(params);
  const token = params.NextToken;
  let start = 0;
  if (token !== undefined) {
    if (typeof token !== 'string' || !/^\d{1,9}$/.test(token)) return badRequest('Invalid parameter NextToken');
    start = Number(token);
  }
  const contents = items.slice(start, start + size);
  return { ok: true, value: { contents, meta: { next_token: start + size < items.length ? String(start + size) : null } } };
}

/** `Field:asc|desc` over the fields named in `keys`; an unknown field or direction is a 400. */
export function parseOrdering<T>(ordering: unknown, keys: Record<string, (item: T) => number | string>): EngineResult<((a: T, b: T) => number) | null> {
  if (ordering === undefined) return { ok: true, value: null };
  const match = typeof ordering === 'string' ? /^([A-Za-z]+):(asc|desc)$/.exec(ordering) : null;
  const key = match ? keys[match[1]!] : undefined;
  if (!match || !key) return badRequest(`Invalid parameter Ordering: use one of ${Object.keys(keys).map((k) => `${k}:asc|desc`).join(', ')}`);
  const sign = match[2] === 'desc' ? -1 : 1;
  return {
    ok: true,
    value: (a, b) => {
      const x = key(a);
      const y = key(b);
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    },
  };
}
