import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngineError, EngineResult, RawParams } from '../domain/types';
import { sendError } from './twilio-error';

/** What a route handler answers: a body (with an optional ETag version) or an error. */
export type RouteAnswer = { status: number; body?: unknown; version?: number } | { error: EngineError };

export function answer(reply: FastifyReply, a: RouteAnswer): FastifyReply {
  if ('error' in a) return sendError(reply, a.error);
  if (a.version !== undefined) void reply.header('ETag', `"${a.version}"`);
  if (a.status === 204) return reply.code(204).send();
  return reply.code(a.status).type('application/json').send(a.body);
}

export function fromResult<T>(result: EngineResult<T>, status: number, toBody: (value: T) => unknown, version?: (value: T) => number): RouteAnswer {
  if (!result.ok) return { error: result.error };
  return { status, body: toBody(result.value), ...(version ? { version: version(result.value) } : {}) };
}

/** The request's form (or JSON) body as raw params; an absent body is no params. */
export function bodyParams(request: FastifyRequest): RawParams {
  const body = request.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body === 'object' && !Array.isArray(body)) return { ...(body as Record<string, unknown>) };
  return { __invalid_body__: true };
}

export function queryParams(request: FastifyRequest): Record<string, unknown> {
  const q = request.query;
  return q && typeof q === 'object' ? (q as Record<string, unknown>) : {};
}

export function ifMatch(request: FastifyRequest): string | undefined {
  const h = request.headers['if-match'];
  return Array.isArray(h) ? h[0] : h;
}
