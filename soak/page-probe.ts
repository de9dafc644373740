/**
 * What the soak watches in the page, installed before the app's own scripts
 * (Playwright's addInitScript, which the CSP does not govern). It only
 * observes: every card's `data-status` over time (a MutationObserver, so a
 * pending card is seen the moment React renders it) and every ring of the
 * ringtone (the Web Audio oscillators it starts).
 */
export interface CardTrace {
  /** When the card first showed the offer as pending (epoch ms), if ever. */
  pendingFrom: number | null;
  /** When it stopped showing it as pending (status changed or the card left), if it did. */
  pendingUntil: number | null;
  /** The status the card shows now, or null once it is gone from the page. */
  status: string | null;
}

export interface PageTrace {
  cards: Record<string, CardTrace>;
  /** When the ringtone started a beep (epoch ms). */
  beeps: number[];
}

/**
 * The little of the DOM the probe touches, typed here because this file is
 * compiled with the Node configuration (no DOM library) though it runs in the page.
 */
interface ProbeElement {
  dataset: Record<string, string | undefined>;
}
interface ProbeGlobals {
  __soak?: PageTrace;
  document: {
    documentElement: object | null;
    querySelectorAll(selector: string): { forEach(fn: (el: ProbeElement) => void): void };
    addEventListener(type: string, fn: () => void): void;
  };
  MutationObserver: new (callback: () => void) => { observe(target: object, options: Record<string, unknown>): void };
  AudioContext: { prototype: { createOscillator(): unknown } };
}

/** The page's trace, as `page.evaluate` reads it. */
export const readPageTrace = (): PageTrace | undefined => (globalThis as unknown as ProbeGlobals).__soak;

/** The init script itself: self-contained (Playwright serializes it), it runs in the page. */
export function installPageProbe(): void {
  const page = globalThis as unknown as ProbeGlobals;
  const { document } = page;
  const trace: PageTrace = { cards: {}, beeps: [] };
  page.__soak = trace;

  const scan = () => {
    const now = Date.now();
    const present = new Map<string, string>();
    document.querySelectorAll('[data-sid][data-status]').forEach((el) => present.set(el.dataset.sid!, el.dataset.status!));
    for (const [sid, status] of present) {
      const card = (trace.cards[sid] ??= { pendingFrom: null, pendingUntil: null, status: null });
      if (status === 'pending' && card.pendingFrom === null) card.pendingFrom = now;
      if (status !== 'pending' && card.pendingFrom !== null && card.pendingUntil === null) card.pendingUntil = now;
      card.status = status;
    }
    for (const [sid, card] of Object.entries(trace.cards)) {
      if (present.has(sid)) continue;
      if (card.pendingFrom !== null && card.pendingUntil === null) card.pendingUntil = now;
      card.status = null;
    }
  };
  const start = () => new page.MutationObserver(scan).observe(document.documentElement!, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);

  // Each beep starts two oscillators a few ms apart: count a beep once.
  const prototype = page.AudioContext.prototype;
  const original = prototype.createOscillator;
  prototype.createOscillator = function (this: unknown) {
    const now = Date.now();
    const last = trace.beeps[trace.beeps.length - 1];
    if (last === undefined || now - last > 100) trace.beeps.push(now);
    return original.call(this);
  };
}
