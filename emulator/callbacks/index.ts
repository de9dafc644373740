import type { FastifyInstance } from 'fastify';
import type { CallbackUrlPolicy } from '../domain/callback-urls';
import type { Engine } from '../domain/engine';
import { AssignmentCallbacks } from './assignment-callbacks';
import { CallbackLog } from './callback-log';
import { EventCallbacks } from './event-callbacks';

/**
 * TaskRouter's outgoing webhooks, offline: the workflow's assignment callback and the
 * workspace's event callback (see emulator/README.md, "Callbacks"), plus
 * `GET /emulator/callbacks`, the log of what was sent and answered.
 */

/** How long TaskRouter waits for an assignment callback: the figure commonly given; the docs consulted do not state it (see README). */
export const ASSIGNMENT_CALLBACK_TIMEOUT_MS = 5_000;
/** "Your application should respond to Event Callbacks … within 15 seconds" (TaskRouter Events reference). */
export const EVENT_CALLBACK_TIMEOUT_MS = 15_000;

export interface CallbacksOptions {
  app: FastifyInstance;
  engine: Engine;
  ready: { authToken: string };
  policy: CallbackUrlPolicy;
}

export function startCallbacks(options: CallbacksOptions): { reset(): void; close(): void } {
  const { app, engine, ready, policy } = options;
  const closing = new AbortController();
  const log = new CallbackLog();
  const send = { authToken: ready.authToken, policy, signal: closing.signal };
  const assignment = new AssignmentCallbacks(engine, log, { ...send, timeoutMs: ASSIGNMENT_CALLBACK_TIMEOUT_MS });
  const events = new EventCallbacks(engine, log, { ...send, timeoutMs: EVENT_CALLBACK_TIMEOUT_MS });
  const unsubscribe = engine.onEvent((event) => {
    assignment.onEvent(event);
    events.onEvent(event);
  });

  app.get('/emulator/callbacks', async () => ({ callbacks: log.list(), droppedEventCallbacks: log.dropped }));

  return {
    /** The emulator was reset: waiting event callbacks and the log are of another life. */
    reset() {
      events.clear();
      log.clear();
    },
    close() {
      unsubscribe();
      closing.abort(new Error('The emulator is closing'));
    },
  };
}
