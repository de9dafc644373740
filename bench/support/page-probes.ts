/**
 * Scripts the browser suites run inside pages. Source text, not functions: the bench is
 * compiled without DOM types, and tsx would wrap a function's inner helpers in code the
 * page does not have.
 */

/**
 * Records when each reservation card (`article[data-sid]`) enters the DOM, in epoch ms on
 * the page's clock, and lets the bench await one: `window.__waitCard(sid)`.
 */
export const WATCH_CARDS = `(() => {
  if (window.__cardsSeen) return;
  const seen = {};
  const waiters = {};
  window.__cardsSeen = seen;
  window.__waitCard = (sid, timeoutMs) => seen[sid] !== undefined ? Promise.resolve(seen[sid]) : new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no card for ' + sid + ' within ' + timeoutMs + ' ms')), timeoutMs);
    waiters[sid] = (at) => { clearTimeout(timer); resolve(at); };
  });
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const cards = node.matches('article[data-sid]') ? [node] : [...node.querySelectorAll('article[data-sid]')];
        for (const card of cards) {
          const sid = card.dataset.sid;
          if (seen[sid] !== undefined) continue;
          seen[sid] = at;
          waiters[sid]?.(at);
          delete waiters[sid];
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

/**
 * The floor of offer → card: a bare page on the same EventBridge socket as the host's SDK
 * (same worker, its own session), which adds an `article[data-sid]` for every
 * reservation.created it receives — no host, no bridge, no React. Run with WATCH_CARDS.
 */
export const floorCardClient = (wsUrl: string) => `new Promise((resolve, reject) => {
  const socket = new WebSocket(${JSON.stringify(wsUrl)});
  socket.onopen = () => resolve(true);
  socket.onerror = () => reject(new Error('the floor page could not open the EventBridge socket'));
  socket.onmessage = (event) => {
    if (typeof event.data !== 'string' || !event.data.includes('reservation.created')) return;
    const frame = JSON.parse(event.data);
    if (frame.event_type !== 'reservation.created') return;
    const card = document.createElement('article');
    card.dataset.sid = frame.payload.sid;
    card.textContent = frame.payload.task?.attributes ?? frame.payload.sid;
    document.body.append(card);
  };
  window.__floorSocket = socket;
})`;

/**
 * Installed before any script of the page (addInitScript): notes when the first input the
 * bench sends is handled, i.e. when the cheat sheet's dialog (opened by "?") first appears,
 * in ms since navigation start.
 */
export const WATCH_FIRST_INPUT = `(() => {
  window.__interactiveAt = null;
  new MutationObserver(() => {
    if (window.__interactiveAt === null && document.querySelector('[role="dialog"]')) window.__interactiveAt = performance.now();
  }).observe(document, { childList: true, subtree: true });
})()`;

/** JavaScript resources the page asked for before `beforeMs` (Resource Timing), with when each started and ended. */
export const scriptsFetchedBefore = (beforeMs: number) => `performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.endsWith('.js') && e.startTime <= ${beforeMs})
  .map((e) => ({ url: e.name, startTime: e.startTime, responseEnd: e.responseEnd, encodedBodySize: e.encodedBodySize }))`;

/** Every JavaScript resource of the page so far. */
export const ALL_SCRIPTS = `performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.endsWith('.js'))
  .map((e) => ({ url: e.name, startTime: e.startTime, responseEnd: e.responseEnd, encodedBodySize: e.encodedBodySize }))`;
