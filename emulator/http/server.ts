import formbody from '@fastify/formbody';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { DemoTraffic } from '../demo/traffic';
import type { SimClock } from '../domain/clock';
import type { Engine } from '../domain/engine';
import type { EmulatorReady } from '../index';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../domain/json-depth';
import type { AnswerGates } from './answer-gate';
import { HostAllowList, hostRefusal } from './host-allow-list';
import { isAuthorized } from './auth';
import { FaultInjector } from './faults';
import { registerAdminRoutes } from './routes-admin';
import { registerApi2010Routes } from './routes-api2010';
import { acceptsJsonBody, registerStatisticsRoutes } from './routes-statistics';
import { registerRequestStats } from './request-stats';
import { registerTaskRouterRoutes } from './routes-taskrouter';
import { TaskRouterJson } from './taskrouter-json';
import { sendError, twilioErrorBody } from './twilio-error';

/**
 * The emulator's HTTP server: Twilio's paths (Basic auth, faults), the admin
 * API, Twilio-shaped errors for everything that goes wrong (bad bodies, too
 * large, wrong method, unknown path), and never a crash.
 */

export const BODY_LIMIT = 1024 * 1024;
const TWILIO_PATH = /^\/(v1|2010-04-01)\//;
const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'] as const;

export interface ServerDeps {
  engine: Engine;
  clock: SimClock;
  ready: EmulatorReady;
  traffic: DemoTraffic;
  logger: boolean;
  reset: () => void;
  /** Gives every request the gate its events wait behind (see answer-gate.ts). */
  answers: AnswerGates;
  /** Which Host headers are the emulator itself (see host-allow-list.ts). */
  hosts: HostAllowList;
  /** When set, /emulator/* requires `Authorization: Bearer <adminSecret>`. */
  adminSecret?: string | undefined;
}

export async function buildServer(d: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: d.logger ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // Malformed URLs (bad percent-encoding...) are refused in Twilio's shape too.
    // Requests Node's HTTP parser rejects (raw UTF-8 in the path, garbage) get Twilio's shape too.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify(twilioErrorBody(400, 20001, `Malformed HTTP request: ${error.message}`));
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).type('application/json').send(twilioErrorBody(400, 20001, `Malformed request: ${error.message}`));
    },
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });

  // JSON bodies (admin API, and tolerated on Twilio paths): an empty body is `{}`.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, {});
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const error = new Error('The body is not valid JSON') as FastifyError;
      error.statusCode = 400;
      return done(error, undefined);
    }
    // Deeper values would overflow JSON.stringify wherever they are echoed or stored.
    if (jsonDepthExceeds(value, MAX_JSON_DEPTH + 2)) {
      const error = new Error(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`) as FastifyError;
      error.statusCode = 400;
      return done(error, undefined);
    }
    done(null, value);
  });

  d.answers.install(app);
  const faults = new FaultInjector();
  const origin = () => d.ready.url;
  const json = new TaskRouterJson(d.engine, origin);

  // Callback-style hook: the hot path (no faults installed) stays synchronous.
  app.addHook('onRequest', (request, reply, done) => {
    // First of all: a request must name the emulator itself in Host (DNS rebinding).
    if (HostAllowList.isNetworkRequest(request.raw) && !d.hosts.allows(request.headers.host)) {
      void sendError(reply, hostRefusal(request.headers.host, d.hosts));
      return;
    }
    if (!TWILIO_PATH.test(request.url)) return done();
    const guard = () => {
      if (!isAuthorized(request.headers.authorization, d.ready)) {
        void reply
          .code(401)
          .header('WWW-Authenticate', 'Basic realm="Twilio API"')
          .type('application/json')
          .send(twilioErrorBody(401, 20003, 'Authenticate'));
        return;
      }
      // Twilio's API takes form bodies only (the bulk queue statistics POST takes JSON); anything else is refused, not guessed at.
      const type = request.headers['content-type'];
      const jsonAllowed = /^application\/json\b/i.test(type ?? '') && acceptsJsonBody(request.method, request.url);
      if (type !== undefined && !/^application\/x-www-form-urlencoded\b/i.test(type) && !jsonAllowed) {
        void reply.code(415).type('application/json').send(twilioErrorBody(415, 20415, 'Unsupported content type: send application/x-www-form-urlencoded'));
        return;
      }
      done();
    };
    if (!faults.active()) return guard();
    faults.apply(request, reply).then(
      (handled) => (handled ? undefined : guard()),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  });

  registerAdminRoutes(app, { engine: d.engine, clock: d.clock, ready: d.ready, traffic: d.traffic, faults, json, reset: d.reset, adminSecret: d.adminSecret });
  registerRequestStats(app);

  // Collect every Twilio route so that wrong methods answer 405 instead of 404.
  const methodsByUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    if (!TWILIO_PATH.test(route.url) || route.url.includes('*')) return;
    const set = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const m of [route.method].flat()) set.add(m);
    methodsByUrl.set(route.url, set);
  });
  registerTaskRouterRoutes(app, d.engine, json, origin);
  registerStatisticsRoutes(app, d.engine, origin);
  registerApi2010Routes(app, d.engine);
  for (const [url, methods] of [...methodsByUrl]) {
    const other = METHODS.filter((m) => !methods.has(m));
    if (other.length === 0) continue;
    const allow = [...methods].filter((m) => m !== 'HEAD').join(', ');
    app.route({
      method: other,
      url,
      handler: async (request, reply) => reply.code(405).header('Allow', allow).type('application/json').send(twilioErrorBody(405, 20004, `Method ${request.method} is not allowed on ${request.url.split('?')[0]}`)),
    });
  }

  app.setNotFoundHandler(async (request, reply) => sendError(reply, { status: 404, code: 20404, message: `The requested resource ${request.url.split('?')[0]?.slice(0, 300) ?? ''} was not found` }));

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return sendError(reply, { status: 413, code: 20413, message: `The request body is larger than ${BODY_LIMIT} bytes` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return sendError(reply, { status: 415, code: 20415, message: 'Unsupported content type: send application/x-www-form-urlencoded' });
    if (status >= 400 && status < 500) return sendError(reply, { status: 400, code: 20001, message: error.message || 'Bad request' });
    request.log.error(error);
    console.error('emulator: unexpected error on', request.method, request.url, error);
    return sendError(reply, { status: 500, code: 20500, message: 'Internal emulator error' });
  });

  return app;
}
