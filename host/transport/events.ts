import { checkEvent } from '../../shared/contract-check';
import { EVENT_NAMES, type EventName, type EventPayload } from '../../shared/contract';
import type { Host, Logger } from '../types';

export type EventDelivery = <N extends EventName>(event: N, payload: EventPayload<N>) => void;

/**
 * Pushed-event delivery, the same for both transports (Electron IPC and the
 * browser bridge): subscribes to every contract event of the host, parses each
 * payload with its contract schema and hands the parsed payload to `deliver`.
 * A payload outside the contract is a host bug: it is logged (the event and the
 * field, never the value) and dropped, so no renderer ever receives it.
 * Returns the function that unsubscribes from all of them.
 */
export function deliverHostEvents(host: Pick<Host, 'on'>, deliver: EventDelivery, logger: Logger): () => void {
  const unsubscribes = EVENT_NAMES.map((event) =>
    host.on(event, (payload: unknown) => {
      const checked = checkEvent(event, payload);
      if (!checked.ok) return logger.error('dropped an event outside the contract', { ...checked.violation });
      deliver(event, checked.payload as EventPayload<typeof event>);
    }),
  );
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
