import type { CardTrace } from './page-probe';

/** One reservation as the emulator lived it (epoch ms, the soak's clock). */
export interface ReservationLife {
  sid: string;
  workerSid: string;
  kind: string;
  createdAt: number;
  /** When it stopped being pending (accepted, rejected, timed out, canceled…), if it did. */
  leftPendingAt: number | null;
  /** Its status in the emulator at the end of the shift. */
  finalStatus: string;
}

/** A card that kept showing an offer as pending this long after it stopped being one is a lie on screen. */
export const STALE_AFTER_MS = 5_000;
/** An offer pending this long in TaskRouter must have been shown. */
export const MUST_SHOW_AFTER_MS = 250;
/** A ring this long after the last offer stopped being pending still counts as that offer's (the ring re-checks every second). */
export const RING_TOLERANCE_MS = 3_000;

export interface TraceFigures {
  offersWatched: number;
  shownWhilePending: number;
  shownWithinMs: { n: number; p50: number | null; p95: number | null; max: number | null };
  missedWhilePendingOver250ms: string[];
  staleCards: { sid: string; lateByMs: number }[];
  /** How long after an offer stopped being pending its card stopped saying so: the worst case. */
  maxPendingLagMs: number;
  ringingWithoutPendingSeconds: number;
}

const percentile = (sorted: number[], p: number): number | null => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

/**
 * What the page showed against what TaskRouter (the emulator) did, for the
 * reservations of the worker the page was watching at the time. Pure.
 */
export function traceFigures(lives: ReservationLife[], cards: Record<string, CardTrace>, beeps: number[], endedAt: number): TraceFigures {
  const shownLatencies: number[] = [];
  const missed: string[] = [];
  const stale: { sid: string; lateByMs: number }[] = [];
  let maxLag = 0;
  for (const life of lives) {
    const card = cards[life.sid];
    const pendingFor = (life.leftPendingAt ?? endedAt) - life.createdAt;
    if (card?.pendingFrom != null) shownLatencies.push(Math.max(0, card.pendingFrom - life.createdAt));
    else if (pendingFor > MUST_SHOW_AFTER_MS) missed.push(life.sid);
    if (card?.pendingFrom != null && life.leftPendingAt !== null) {
      const shownUntil = card.pendingUntil ?? endedAt;
      const lag = Math.max(0, shownUntil - life.leftPendingAt);
      maxLag = Math.max(maxLag, lag);
      if (lag > STALE_AFTER_MS) stale.push({ sid: life.sid, lateByMs: lag });
    }
  }
  shownLatencies.sort((a, b) => a - b);

  // A beep is justified while some watched offer is pending (plus the tolerance after it stopped).
  let unjustifiedMs = 0;
  beeps.forEach((at, i) => {
    const justified = lives.some((l) => l.createdAt <= at && at <= (l.leftPendingAt ?? endedAt) + RING_TOLERANCE_MS);
    if (!justified) unjustifiedMs += Math.min(2_000, (beeps[i + 1] ?? at + 2_000) - at);
  });

  return {
    offersWatched: lives.length,
    shownWhilePending: shownLatencies.length,
    shownWithinMs: { n: shownLatencies.length, p50: percentile(shownLatencies, 50), p95: percentile(shownLatencies, 95), max: shownLatencies.at(-1) ?? null },
    missedWhilePendingOver250ms: missed,
    staleCards: stale,
    maxPendingLagMs: maxLag,
    ringingWithoutPendingSeconds: Math.round(unjustifiedMs / 100) / 10,
  };
}

/** Reservations whose status differs between the page, the host and the emulator (where all three still hold them). */
export function endStateMismatches(emulator: Map<string, string>, host: Map<string, string>, page: Map<string, string>): { sid: string; emulator: string | undefined; host: string | undefined; page: string | undefined }[] {
  const mismatches: { sid: string; emulator: string | undefined; host: string | undefined; page: string | undefined }[] = [];
  const active = (s: string | undefined) => s === 'pending' || s === 'accepted' || s === 'wrapping';
  const sids = new Set([...host.keys(), ...page.keys(), ...[...emulator].filter(([, s]) => active(s)).map(([sid]) => sid)]);
  for (const sid of sids) {
    const e = emulator.get(sid);
    const h = host.get(sid);
    const p = page.get(sid);
    // Active work must be everywhere; ended work may have left the host's or the page's recap, but never disagree.
    const missingActive = active(e) && (h === undefined || p === undefined);
    const disagree = [h, p].some((s) => s !== undefined && s !== e);
    if (missingActive || disagree) mismatches.push({ sid, emulator: e, host: h, page: p });
  }
  return mismatches;
}

/** Duplicate actions: the same update (status or instruction) sent for one reservation more than once. */
export function duplicateActions(sent: Map<string, number>): { key: string; times: number }[] {
  return [...sent].filter(([, times]) => times > 1).map(([key, times]) => ({ key, times }));
}
