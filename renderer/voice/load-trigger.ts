import { useEffect, useState } from 'react';
import { useServices } from '../app/context';
import type { AppState } from '../store/types';
import type { Reservation } from '../../shared/model';

/**
 * When the call region (and with it the Voice SDK, ~half of all the app's
 * JavaScript) may load: after the first screen has painted and the page has an
 * idle moment, or at once when a voice offer arrives — whichever comes first.
 * The inbox answers input before the SDK is fetched, parsed or run.
 */

/** A hidden window never paints (requestAnimationFrame does not fire): do not wait for a paint longer than this. */
export const FIRST_PAINT_FALLBACK_MS = 1_000;
/** Longest wait for an idle moment once painted: the phone must register before the agent's first call. */
export const IDLE_TIMEOUT_MS = 2_000;

export const isVoiceOffer = (r: Reservation): boolean => r.status === 'pending' && (r.task.channel === 'voice' || r.callSid !== null);

/** Calls `ready` once, after the next paint and an idle moment (each bounded); returns the cancel function. */
export function afterFirstPaintAndIdle(ready: () => void): () => void {
  let done = false;
  let frame: number | null = null;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  let afterPaint: ReturnType<typeof setTimeout> | null = null;
  let idle: number | null = null;
  const fire = () => {
    if (done) return;
    done = true;
    ready();
  };
  const painted = () => {
    if (afterPaint !== null || done) return;
    if (fallback !== null) clearTimeout(fallback);
    if (frame !== null) cancelAnimationFrame(frame);
    // requestAnimationFrame runs before the paint; a task queued from it runs after.
    afterPaint = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fire, { timeout: IDLE_TIMEOUT_MS });
      else fire();
    }, 0);
  };
  frame = requestAnimationFrame(painted);
  fallback = setTimeout(painted, FIRST_PAINT_FALLBACK_MS);
  return () => {
    done = true;
    if (frame !== null) cancelAnimationFrame(frame);
    if (fallback !== null) clearTimeout(fallback);
    if (afterPaint !== null) clearTimeout(afterPaint);
    if (idle !== null && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
  };
}

const hasVoiceOffer = (s: AppState): boolean => Object.values(s.reservationsBySid).some(isVoiceOffer);

/** True (and from then on always true) once the call region should load. */
export function useVoiceLoad(): boolean {
  const { store } = useServices();
  const [wanted, setWanted] = useState(() => hasVoiceOffer(store.getState()));
  useEffect(() => {
    if (wanted) return;
    const want = () => setWanted(true);
    const cancelIdle = afterFirstPaintAndIdle(want);
    const unsubscribe = store.subscribe((state) => {
      if (hasVoiceOffer(state)) want();
    });
    // An offer that arrived between the first render and this effect.
    queueMicrotask(() => hasVoiceOffer(store.getState()) && want());
    return () => {
      cancelIdle();
      unsubscribe();
    };
  }, [store, wanted]);
  return wanted;
}
