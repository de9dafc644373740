import type { FastifyInstance } from 'fastify';
import { OrderedDispatch, type AnswerGates } from '../http/answer-gate';
import type { UpgradeHandler } from '../http/upgrade';
import { registerEventBridgeAdmin } from './admin';
import type { EventBridgeEngine } from './engine-port';
import { createEventFanout, type FrameSink } from './event-fanout';
import type { PayloadContext } from './payloads';
import { parseProxyRequest } from './proxy-request';
import { routeProxyRequest, type ProxyServices } from './proxy-routes';
import { SessionHub } from './sessions';
import { verifyTaskRouterToken, verifyWorkerToken, type TokenAuthority } from './token';

/**
 * EventBridge for the official Worker SDK, mounted on the emulator's server:
 *  - POST {EVENTBRIDGE_PATH}: the SDK's REST proxy (`ebServer`);
 *  - WebSocket upgrade on the same path: the SDK's event channel (`wsServer`);
 *  - /emulator/eventbridge/*: admin endpoints to drop or block sockets.
 */

/**
 * Both `ebServer` and `wsServer` point here (http:// and ws://). Not under /v1/,
 * which the emulator reserves for Twilio's REST paths (Basic auth, faults).
 */
export const EVENTBRIDGE_PATH = '/eventbridge/v1/wschannels';

/** What the plugin needs from the emulator (a subset of CORE's plugin context). */
/** The emulator admin route that reloads the seed state (see emulator/http/routes-admin.ts). */
const RESET_PATH = '/emulator/reset';

export interface EventBridgePluginContext {
  app: FastifyInstance;
  engine: EventBridgeEngine;
  clock: { now(): number; setTimer(delayMs: number, fn: () => void): number; clearTimer(id: number): void };
  ready: { accountSid: string; authToken: string; apiKeySid: string; apiKeySecret: string; workspaceSid: string };
  /** Frames caused by a request are sent only after its answer (optional for tests that build the plugin alone). */
  answers?: Pick<AnswerGates, 'current'>;
  onUpgrade(handler: UpgradeHandler): void;
}

export interface EventBridgeOptions {
  heartbeatMs?: number;
}

/** The SDK options that point a `twilio-taskrouter` Worker at an emulator. */
export function workerSdkOptions(emulatorUrl: string): { ebServer: string; wsServer: string } {
  return { ebServer: `${emulatorUrl}${EVENTBRIDGE_PATH}`, wsServer: `${emulatorUrl.replace(/^http/, 'ws')}${EVENTBRIDGE_PATH}` };
}

export function eventBridgePlugin(options: EventBridgeOptions = {}) {
  return async (ctx: EventBridgePluginContext): Promise<void> => {
    const { app, engine, clock, ready, onUpgrade } = ctx;
    const authority: TokenAuthority = {
      accountSid: ready.accountSid,
      apiKeySid: ready.apiKeySid,
      apiKeySecret: ready.apiKeySecret,
      workspaceSid: ready.workspaceSid,
      workerExists: (sid) => engine.getWorker(sid) !== undefined,
    };
    const verify = (token: unknown, nowMs: number) => verifyWorkerToken(token, authority, nowMs);
    const payloads: PayloadContext = {
      accountSid: ready.accountSid,
      workspaceSid: ready.workspaceSid,
      now: () => clock.now(),
      activity: (sid) => engine.getActivity(sid),
      taskQueue: (sid) => engine.getTaskQueue(sid),
      workflow: (sid) => engine.getWorkflow(sid),
      taskChannel: (sid) => engine.getTaskChannel(sid),
    };

    // Participant changes go through the emulator's own Participants API (in-process, no socket).
    const basicAuth = `Basic ${Buffer.from(`${ready.accountSid}:${ready.authToken}`).toString('base64')}`;
    const hub = new SessionHub({ path: EVENTBRIDGE_PATH, clock, verify, heartbeatMs: options.heartbeatMs });
    const services: ProxyServices = {
      // The hub learns which reservations each SDK holds from the lists it loads.
      onInitList: (workerSid, step, sids) => hub.noteInitList(workerSid, step, sids),
      post: async (path, form) => {
        const response = await app.inject({
          method: 'POST',
          url: path,
          headers: { authorization: basicAuth, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        });
        let body: unknown;
        try {
          body = response.body ? JSON.parse(response.body) : undefined;
        } catch {
          body = undefined;
        }
        return { status: response.statusCode, body };
      },
    };

    onUpgrade((request, socket, head) => hub.handleUpgrade(request, socket, head));
    // Frames are built when the event happens and sent once the request that caused it was
    // answered, in event order (Twilio answers a write before pushing its events).
    const dispatch = new OrderedDispatch();
    const later = (run: () => void) => dispatch.enqueue(ctx.answers?.current(), run);
    const sink: FrameSink = {
      hasSessions: (workerSid) => hub.hasSessions(workerSid),
      sessionCount: () => hub.sessionCount(),
      publish: (workerSid, frame) => later(() => hub.publish(workerSid, frame)),
      publishReservation: (workerSid, eventType, reservationSid, frame) => later(() => hub.publishReservation(workerSid, eventType, reservationSid, frame)),
      publishNaming: (workerSid, names, frame) => later(() => hub.publishNaming(workerSid, names, frame)),
    };
    const unsubscribe = engine.onEvent(createEventFanout(engine, sink, payloads));
    // A reset replaces the engine's state under the SDK's feet: drop its sockets so it
    // reconnects and re-initializes from the fresh state instead of holding stale offers.
    app.addHook('onResponse', async (request, reply) => {
      if (request.method === 'POST' && request.url.split('?')[0] === RESET_PATH && reply.statusCode < 300) hub.drop();
    });
    app.addHook('onClose', async () => {
      unsubscribe();
      hub.close();
    });

    await app.register(async (scope) => {
      // The SDK posts a JSON string labelled x-www-form-urlencoded: read every body raw, parse it ourselves.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));
      scope.post(EVENTBRIDGE_PATH, async (request, reply) => {
        const parsed = parseProxyRequest(request.body, request.headers);
        if (!parsed.ok) return reply.code(parsed.error.status).send(twilioError(parsed.error));
        const identity = verifyTaskRouterToken(parsed.value.token, authority, clock.now());
        if (!identity.ok) return reply.code(identity.error.status).send(twilioError(identity.error));
        // The SDK sends its current token with every request: a token updated with
        // `updateToken` extends the worker's open sessions from here.
        if (identity.value.workerSid) hub.extend(identity.value.workerSid, identity.value.expiresAtMs);
        const result = await routeProxyRequest(parsed.value, identity.value, engine, payloads, services);
        if (!result.ok) return reply.code(result.error.status).send(twilioError(result.error));
        return reply.code(200).send({ payload: result.value });
      });
    });

    registerEventBridgeAdmin(app, hub);
  };
}

function twilioError(error: { status: number; code: number; message: string }) {
  return { code: error.code, message: error.message, more_info: `https://www.twilio.com/docs/errors/${error.code}`, status: error.status };
}
