import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DemoTraffic } from '../demo/traffic';
import type { SimClock } from '../domain/clock';
import type { Engine } from '../domain/engine';
import type { EmulatorReady } from '../index';
import { faultsSchema, type FaultInjector } from './faults';
import type { TaskRouterJson } from './taskrouter-json';
import { sendError } from './twilio-error';

/**
 * The admin API under /emulator/ (JSON, no Basic auth). A browser page on
 * another origin must not drive it: requests carrying a foreign Origin are
 * refused, and POSTs must be `application/json` (which a cross-site form
 * cannot send without a CORS preflight this server never grants).
 */

const taskSchema = z
  .object({
    attributes: z.record(z.string(), z.unknown()).optional(),
    priority: z.number().int().min(0).max(2_147_483_647).optional(),
    taskChannel: z.string().max(64).optional(),
    timeout: z.number().int().min(1).max(1_209_600).optional(),
    workflowSid: z.string().regex(/^WW[0-9a-fA-F]{32}$/).optional(),
  })
  .strict();
const trafficSchema = z.object({ mode: z.enum(['off', 'demo']), intervalSeconds: z.number().min(1).max(3600).optional() }).strict();
const clockSchema = z.object({ advanceMs: z.number().min(0).max(365 * 86_400_000).optional(), speed: z.number().positive().max(10_000).optional() }).strict();

export interface AdminDeps {
  engine: Engine;
  clock: SimClock;
  ready: EmulatorReady;
  traffic: DemoTraffic;
  faults: FaultInjector;
  json: TaskRouterJson;
  reset: () => void;
  /** When set, every /emulator/ request needs `Authorization: Bearer <adminSecret>`. */
  adminSecret?: string | undefined;
}

/** `Authorization: Bearer <secret>`, compared in constant time. */
export function hasAdminSecret(header: string | undefined, secret: string): boolean {
  const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header.trim()) : null;
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const invalid = (reply: FastifyReply, error: z.ZodError) => {
  const issue = error.issues[0];
  const where = issue?.path.join('.') || 'body';
  return sendError(reply, { status: 400, code: 20001, message: issue?.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : `Invalid ${where}: ${issue?.message ?? 'invalid'}` });
};

export function registerAdminRoutes(app: FastifyInstance, d: AdminDeps): void {
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!request.url.startsWith('/emulator/')) return done();
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== d.ready.url) {
      void sendError(reply, { status: 403, code: 20403, message: 'The admin API only accepts requests from its own origin' });
      return;
    }
    if (d.adminSecret !== undefined && !hasAdminSecret(request.headers.authorization, d.adminSecret)) {
      void sendError(reply.header('WWW-Authenticate', 'Bearer realm="emulator admin"'), { status: 401, code: 20003, message: 'The admin API of this emulator needs its admin secret: send Authorization: Bearer <adminSecret>' });
      return;
    }
    if (request.method === 'POST' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      void sendError(reply, { status: 415, code: 20415, message: 'The admin API takes JSON bodies: send content-type: application/json' });
      return;
    }
    done();
  });

  // Every admin POST (plugins' included) takes a JSON object: `null`, arrays and scalars are
  // refused, not read as "no options". Attached to those routes only, off the Twilio hot path.
  const objectBody = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      void sendError(reply, { status: 400, code: 20001, message: 'The admin API takes a JSON object body' });
      return;
    }
    done();
  };
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/emulator/') || ![route.method].flat().includes('POST')) return;
    const existing = route.preValidation;
    route.preValidation = [...(existing === undefined ? [] : [existing].flat()), objectBody] as typeof route.preValidation;
  });

  const clockState = () => ({ now: d.clock.now(), speed: d.clock.currentSpeed, manual: d.clock.isManual, iso: new Date(d.clock.now()).toISOString() });

  app.get('/emulator/ready', async () => d.ready);
  app.get('/emulator/health', async () => ({ ok: true, now: d.clock.now() }));

  app.post('/emulator/reset', async () => {
    const demo = d.traffic.state();
    d.traffic.stop();
    d.faults.clear();
    d.reset();
    if (demo.mode === 'demo') d.traffic.start(demo.intervalSeconds ?? undefined);
    return { ok: true };
  });

  app.post('/emulator/tasks', async (request, reply) => {
    const parsed = taskSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const b = parsed.data;
    const result = d.engine.createTask({
      Attributes: JSON.stringify(b.attributes ?? {}),
      WorkflowSid: b.workflowSid ?? d.ready.workflowSid,
      ...(b.priority !== undefined ? { Priority: String(b.priority) } : {}),
      ...(b.taskChannel !== undefined ? { TaskChannel: b.taskChannel } : {}),
      ...(b.timeout !== undefined ? { Timeout: String(b.timeout) } : {}),
    });
    if (!result.ok) return sendError(reply, result.error);
    return reply.code(201).send(d.json.task(result.value));
  });

  app.get('/emulator/traffic', async () => d.traffic.state());
  app.post('/emulator/traffic', async (request, reply) => {
    const parsed = trafficSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    if (parsed.data.mode === 'demo') d.traffic.start(parsed.data.intervalSeconds);
    else d.traffic.stop();
    return d.traffic.state();
  });

  app.get('/emulator/faults', async () => ({ faults: d.faults.current() }));
  app.post('/emulator/faults', async (request, reply) => {
    const parsed = faultsSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    d.faults.set(parsed.data);
    return { faults: d.faults.current() };
  });
  app.delete('/emulator/faults', async () => {
    d.faults.clear();
    return { faults: null };
  });

  app.get('/emulator/clock', async () => clockState());
  app.post('/emulator/clock', async (request, reply) => {
    const parsed = clockSchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    if (parsed.data.speed !== undefined) d.clock.setSpeed(parsed.data.speed);
    if (parsed.data.advanceMs !== undefined) d.clock.advance(parsed.data.advanceMs);
    return clockState();
  });

  app.get('/emulator/state', async () => ({ ...d.engine.dump(), traffic: d.traffic.state(), faults: d.faults.current(), clock: clockState() }));
}
