import type { EngineResult } from '../domain/types';
import { badRequest, ok } from '../domain/errors';

/**
 * Twilio list paging: PageSize (1..1000, default 50), Page (0-based) and
 * PageToken. TaskRouter answers `{key: [...], meta: {...absolute urls}}`;
 * API 2010 answers `{key: [...], page, page_size, start, end, uri, first_page_uri,
 * next_page_uri, previous_page_uri}` with relative URIs.
 */

export interface PageRequest {
  page: number;
  pageSize: number;
}

const PAGING_KEYS = new Set(['PageSize', 'Page', 'PageToken']);

export function parsePaging(query: Record<string, unknown>): EngineResult<PageRequest> {
  const size = query['PageSize'];
  const page = query['Page'];
  const pageSize = size === undefined ? 50 : typeof size === 'string' && /^\d{1,6}$/.test(size) ? Number(size) : NaN;
  const index = page === undefined ? 0 : typeof page === 'string' && /^\d{1,9}$/.test(page) ? Number(page) : NaN;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return badRequest('Invalid parameter PageSize: must be an integer from 1 to 1000');
  if (!Number.isInteger(index) || index < 0) return badRequest('Invalid parameter Page: must be a non-negative integer');
  const token = query['PageToken'];
  if (token !== undefined && (typeof token !== 'string' || !/^PT\d{1,9}$/.test(token))) return badRequest('Invalid parameter PageToken');
  return ok({ page: index, pageSize });
}

/** The query string of a page URL: the caller's filters plus paging. */
function pageQuery(query: Record<string, unknown>, page: number, pageSize: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (PAGING_KEYS.has(k)) continue;
    for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'string') params.append(k, item);
  }
  params.set('PageSize', String(pageSize));
  params.set('Page', String(page));
  if (page > 0) params.set('PageToken', `PT${page * pageSize}`);
  return params.toString();
}

export function taskRouterPage<T>(items: T[], key: string, origin: string, path: string, query: Record<string, unknown>, paging: PageRequest) {
  const { page, pageSize } = paging;
  const slice = items.slice(page * pageSize, page * pageSize + pageSize);
  const hasNext = (page + 1) * pageSize < items.length;
  const url = (p: number) => `${origin}${path}?${pageQuery(query, p, pageSize)}`;
  return {
    [key]: slice,
    meta: {
      page,
      page_size: pageSize,
      first_page_url: url(0),
      previous_page_url: page > 0 ? url(page - 1) : null,
      next_page_url: hasNext ? url(page + 1) : null,
      url: url(page),
      key,
    },
  };
}

export function api2010Page<T>(items: T[], key: string, path: string, query: Record<string, unknown>, paging: PageRequest) {
  const { page, pageSize } = paging;
  const start = page * pageSize;
  const slice = items.slice(start, start + pageSize);
  const hasNext = start + pageSize < items.length;
  const uri = (p: number) => `${path}?${pageQuery(query, p, pageSize)}`;
  return {
    [key]: slice,
    end: slice.length === 0 ? start : start + slice.length - 1,
    first_page_uri: uri(0),
    next_page_uri: hasNext ? uri(page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? uri(page - 1) : null,
    start,
    uri: uri(page),
  };
}
