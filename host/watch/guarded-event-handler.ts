import * as taskRouterModule from 'twilio-taskrouter';
import type { TaskRouterEventHandler } from 'twilio-taskrouter';

// CommonJS bundle: see subscriber.ts.
const BaseHandler: typeof TaskRouterEventHandler =
  (taskRouterModule as unknown as { TaskRouterEventHandler?: typeof TaskRouterEventHandler }).TaskRouterEventHandler ??
  (taskRouterModule as unknown as { default: { TaskRouterEventHandler: typeof TaskRouterEventHandler } }).default.TaskRouterEventHandler;

/**
 * The Worker SDK runs its event handlers inside the WebSocket's message
 * callback, and some throw (an update for a reservation it does not know):
 * in Node that is an uncaught exception, which would take the whole host down.
 * This subclass, given to the SDK through its documented `eventHandlerClass`
 * option, reports such failures instead (the host re-reads over REST anyway).
 */
export function guardedEventHandlerClass(onError: (error: unknown, event: string) => void): typeof TaskRouterEventHandler {
  return class GuardedEventHandler extends BaseHandler {
    constructor(worker: ConstructorParameters<typeof TaskRouterEventHandler>[0], options?: object) {
      super(worker, options);
      const self = this as unknown as Record<string, unknown>;
      for (const [event, method] of Object.entries(this.getTREventsToHandlerMapping())) {
        const original = self[method];
        if (typeof original !== 'function' || (original as { guarded?: boolean }).guarded) continue;
        const guarded = (...args: unknown[]) => {
          try {
            const result: unknown = (original as (...a: unknown[]) => unknown).apply(this, args);
            if (result && typeof (result as Promise<unknown>).catch === 'function') (result as Promise<unknown>).catch((e: unknown) => onError(e, event));
            return result;
          } catch (e) {
            onError(e, event);
            return undefined;
          }
        };
        (guarded as { guarded?: boolean }).guarded = true;
        self[method] = guarded;
      }
    }
  };
}
