import { describe, expect, it } from 'vitest';
import { guardedEventHandlerClass } from './guarded-event-handler';

describe('guardedEventHandlerClass', () => {
  it('turns a throwing SDK event handler into a reported error', () => {
    const errors: string[] = [];
    const Guarded = guardedEventHandlerClass((_e, event) => errors.push(event));
    const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
    const handler = new Guarded({ _log: quietLog, reservations: new Map() } as never, {}) as unknown as Record<string, (...args: unknown[]) => unknown>;
    // The unguarded SDK handler throws for an update of a reservation it never saw.
    expect(() => handler._reservationUpdateHandler!({ sid: 'WR' + '0'.repeat(32) }, 'reservation.accepted')).not.toThrow();
    expect(errors.length).toBeGreaterThan(0);
  });
});
