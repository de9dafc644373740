/**
 * When an update may be downloaded and when the app may restart to install it:
 * pure decisions over what the agent is doing, so they can be tested alone.
 */

/** What the agent is doing right now, as the main process knows it. */
export interface WorkState {
  /** Offers ringing now (pending reservations). */
  pendingOffers: number;
  /** Reservations accepted or in wrap-up: a call or its after-call work. */
  activeTasks: number;
  /** The Voice SDK has a call (ringing, connecting, open or reconnecting), as the window reports it. */
  inCall: boolean;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const yes: Verdict = { ok: true };

/** Downloading takes bandwidth the call's audio needs: never while a call is up. Offers do not matter. */
export function mayDownload(work: WorkState): Verdict {
  return work.inCall ? { ok: false, reason: 'waiting for the call to end before downloading' } : yes;
}

/**
 * Restarting drops a call, an offer's countdown and a task in progress: only
 * when none of them exists. Asked twice: before asking the agent, and again
 * when the agent answers (an offer may have arrived meanwhile).
 */
export function mayRestart(work: WorkState): Verdict {
  if (work.inCall) return { ok: false, reason: 'waiting for the call to end' };
  if (work.pendingOffers > 0) return { ok: false, reason: 'waiting until no offer is waiting' };
  if (work.activeTasks > 0) return { ok: false, reason: 'waiting until the current task is completed' };
  return yes;
}
