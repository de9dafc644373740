import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CLOSE_CODES, EVENT_NAMES, REQUEST_NAMES, eventListenerName } from '../../shared/contract';
import { makeReservation } from '../test-support/fixtures';
import { checkSecretOverHttp, createWsClient, type SecretVerdict, type SocketLike } from './ws-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.readyState = 3;
    this.onclose?.(code === undefined ? {} : { code });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

function setup(verdict: SecretVerdict = 'unknown') {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const secretChecks: number[] = [];
  const reloads: number[] = [];
  const link = createWsClient({
    checkSecret: async () => {
      secretChecks.push(1);
      return verdict;
    },
    reload: () => reloads.push(1),
    url: 'ws://127.0.0.1:1/bridge?secret=s',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
  });
  return { link, sockets, timers, secretChecks, reloads, socket: () => sockets[sockets.length - 1]! };
}

const reconnectTimers = <T extends { ms: number; cleared: boolean }>(timers: T[]) => timers.filter((t) => !t.cleared && t.ms < 30_000);

describe('WebSocket contract client', () => {
  it('has one method per request and one listener per event, generated from the contract', () => {
    const { link } = setup();
    for (const name of REQUEST_NAMES) expect(typeof link.api[name]).toBe('function');
    for (const name of EVENT_NAMES) expect(typeof link.api[eventListenerName(name)]).toBe('function');
  });

  it('sends requests with distinct ids and resolves each with its own response', async () => {
    const { link, socket } = setup();
    socket().open();
    const a = link.api.acceptReservation({ reservationSid: 'WR1' });
    const b = link.api.getSettings({});
    const [first, second] = socket().sent as Array<{ id: number; method: string; type: string }>;
    expect(first).toMatchObject({ type: 'request', method: 'acceptReservation', input: { reservationSid: 'WR1' } });
    expect(second!.id).not.toBe(first!.id);
    socket().receive({ type: 'response', id: second!.id, result: { ok: false, error: { code: 'not_configured', message: 'no' } } });
    socket().receive({ type: 'response', id: first!.id, result: { ok: true, value: 'A' } });
    expect(await a).toEqual({ ok: true, value: 'A' });
    expect(await b).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });

  it('answers network without sending when the socket is not open', async () => {
    const { link, socket } = setup();
    const result = await link.api.getSnapshot({});
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(socket().sent).toEqual([]);
  });

  it('delivers events that match the contract and drops malformed ones', () => {
    const { link, socket } = setup();
    socket().open();
    const seen: string[] = [];
    const off = link.api.onReservationUpdated((r) => seen.push(r.sid));
    const good = makeReservation();
    socket().receive({ type: 'event', event: 'reservationUpdated', payload: good });
    socket().receive({ type: 'event', event: 'reservationUpdated', payload: { sid: 42 } });
    socket().receive('not json');
    socket().receive({ type: 'event', event: 'nope', payload: good });
    off();
    socket().receive({ type: 'event', event: 'reservationUpdated', payload: good });
    expect(seen).toEqual([good.sid]);
  });

  it('fails pending requests when the socket drops, reports it, and reconnects with backoff', async () => {
    const { link, sockets, socket, timers } = setup();
    const statuses: string[] = [];
    link.onStatus((s) => statuses.push(s));
    socket().open();
    const pending = link.api.getSnapshot({});
    socket().close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(link.status()).toBe('disconnected');
    const reconnect = timers.filter((t) => !t.cleared && t.ms < 30_000).pop()!;
    reconnect.fn();
    expect(sockets).toHaveLength(2);
    socket().open();
    expect(statuses).toEqual(['connected', 'disconnected', 'connecting', 'connected']);
  });

  it('stops and says so when the bridge refuses its secret (the app was restarted), instead of retrying forever', async () => {
    const { link, sockets, socket, timers, secretChecks } = setup('refused');
    const statuses: string[] = [];
    link.onStatus((s) => statuses.push(s));
    socket().close(); // the upgrade was answered 403: the socket closes without ever opening
    await vi.waitFor(() => expect(link.status()).toBe('refused'));
    expect(secretChecks).toHaveLength(1);
    expect(statuses).toEqual(['disconnected', 'refused']);
    expect(reconnectTimers(timers)).toEqual([]);
    expect(sockets).toHaveLength(1);
    expect(await link.api.getSnapshot({})).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('keeps retrying while the bridge is merely unreachable (down or restarting)', async () => {
    const { link, sockets, socket, timers, secretChecks } = setup('unknown');
    socket().close();
    await vi.waitFor(() => expect(reconnectTimers(timers)).toHaveLength(1));
    expect(secretChecks).toHaveLength(1);
    expect(link.status()).toBe('disconnected');
    reconnectTimers(timers)[0]!.fn();
    expect(sockets).toHaveLength(2);
  });

  it('does not ask about the secret when an open socket drops (it was accepted)', () => {
    const { socket, secretChecks, timers } = setup('refused');
    socket().open();
    socket().close();
    expect(secretChecks).toEqual([]);
    expect(reconnectTimers(timers)).toHaveLength(1);
  });

  it('reloads the page when the bridge asks (its CSP changed), without reconnecting', () => {
    const { link, socket, reloads, timers } = setup();
    socket().open();
    socket().close(BRIDGE_CLOSE_CODES.reload);
    expect(reloads).toHaveLength(1);
    expect(reconnectTimers(timers)).toEqual([]);
    expect(link.status()).toBe('disconnected');
  });

  it('asks the bridge over HTTP at the socket address: 403 is refused, 204 accepted, no answer unknown', async () => {
    const seen: Array<{ url: string; method?: string }> = [];
    const answering = (status: number) => (async (url: string, init?: RequestInit) => (seen.push({ url, method: init?.method }), new Response(null, { status }))) as unknown as typeof fetch;
    expect(await checkSecretOverHttp('ws://127.0.0.1:5/bridge?secret=s', answering(403))).toBe('refused');
    expect(await checkSecretOverHttp('ws://127.0.0.1:5/bridge?secret=s', answering(204))).toBe('accepted');
    expect(await checkSecretOverHttp('ws://127.0.0.1:5/bridge?secret=s', (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch)).toBe('unknown');
    expect(seen[0]).toEqual({ url: 'http://127.0.0.1:5/bridge?secret=s', method: 'POST' });
  });

  it('rejects a malformed response instead of passing it on', async () => {
    const { link, socket } = setup();
    socket().open();
    const pending = link.api.getSettings({});
    const { id } = socket().sent[0] as { id: number };
    socket().receive({ type: 'response', id, result: { nonsense: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
