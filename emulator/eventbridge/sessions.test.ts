import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SimClock } from '../domain/clock';
import { CLOSE_CODES, SessionHub } from './sessions';
import { waitFor } from '../../test-support/wait-for';

/** The hub on a bare http.Server, with a manual clock and a fast heartbeat. */

const WORKER = `WK${'d'.repeat(32)}`;
let server: Server;
let hub: SessionHub;
const sockets: WebSocket[] = [];

async function start(heartbeatMs: number, clock: SimClock): Promise<string> {
  hub = new SessionHub({
    path: '/eb',
    clock,
    heartbeatMs,
    verify: (token, nowMs) =>
      token === 'good'
        ? { ok: true, value: { accountSid: `AC${'a'.repeat(32)}`, workspaceSid: `WS${'c'.repeat(32)}`, workerSid: WORKER, role: 'worker', expiresAtMs: nowMs + 60_000 } }
        : { ok: false, error: { status: 401, code: 20101, message: 'Invalid Access Token' } },
  });
  server = createServer((_req, res) => res.end());
  server.on('upgrade', (request, socket, head) => {
    if (!hub.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function open(url: string): { socket: WebSocket; frames: string[]; closed: Promise<{ code: number; reason: string }> } {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(data.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return { socket, frames, closed };
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  hub.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('SessionHub', () => {
  it('sends init, then blank heartbeat frames on its interval', async () => {
    const base = await start(30, new SimClock({ manual: true }));
    const { frames } = open(`${base}/eb?token=good`);
    await waitFor(() => frames.filter((f) => f === ' ').length >= 3, { description: 'three heartbeats' });
    expect(JSON.parse(frames[0]!)).toMatchObject({ event_type: 'init', payload: { channel_id: WORKER, token_lifetime: 60_000 } });
  });

  it('closes the session with 4401 when the simulated clock passes the token expiry', async () => {
    const clock = new SimClock({ manual: true });
    const base = await start(10_000, clock);
    const client = open(`${base}/eb?token=good`);
    await waitFor(() => hub.sessionCount(WORKER) === 1);
    clock.advance(59_000);
    expect(hub.sessionCount(WORKER)).toBe(1);
    clock.advance(1_000);
    expect(await client.closed).toEqual({ code: CLOSE_CODES.tokenExpired, reason: 'Token expired' });
    expect(hub.sessionCount()).toBe(0);
  });

  it('refuses a bad token with HTTP 401 and leaves other paths to other handlers', async () => {
    const base = await start(10_000, new SimClock({ manual: true }));
    const refused = new Promise<number>((resolve) => {
      const socket = new WebSocket(`${base}/eb?token=bad`);
      sockets.push(socket);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => undefined);
    });
    expect(await refused).toBe(401);
    expect(hub.refusedUpgrades).toBe(1);
    const other = open(`${base}/elsewhere?token=good`);
    await other.closed;
    expect(hub.sessionCount()).toBe(0);
  });

  it('publishes a frame to every session of the worker and counts them', async () => {
    const base = await start(10_000, new SimClock({ manual: true }));
    const a = open(`${base}/eb?token=good`);
    const b = open(`${base}/eb?token=good`);
    await waitFor(() => hub.sessionCount(WORKER) === 2);
    expect(hub.publish(WORKER, '{"event_type":"x","payload":{}}')).toBe(2);
    await waitFor(() => a.frames.length === 2 && b.frames.length === 2);
    expect(hub.publish(`WK${'e'.repeat(32)}`, '{}')).toBe(0);
  });

  it('sends accepted/wrapup only to sessions whose SDK holds the reservation', async () => {
    const base = await start(10_000, new SimClock({ manual: true }));
    const client = open(`${base}/eb?token=good`);
    await waitFor(() => hub.sessionCount(WORKER) === 1);
    const events = () => client.frames.filter((f) => f.startsWith('{')).map((f) => (JSON.parse(f) as { event_type: string }).event_type);
    const frame = (type: string) => JSON.stringify({ event_type: type, payload: {} });

    // Before its init lists are answered the SDK drops pushed events, so it cannot hold WR1.
    hub.publishReservation(WORKER, 'reservation.created', 'WR1', frame('reservation.created'));
    expect(hub.publishReservation(WORKER, 'reservation.accepted', 'WR1', frame('reservation.accepted'))).toBe(0);

    // The reservations list it loads makes the listed ones held.
    hub.noteInitList(WORKER, 'activities');
    hub.noteInitList(WORKER, 'reservations', ['WR2']);
    expect(hub.publishReservation(WORKER, 'reservation.accepted', 'WR2', frame('reservation.accepted'))).toBe(1);
    hub.noteInitList(WORKER, 'channels');

    // Once initialized, a created event makes the reservation held; an ending event forgets it.
    hub.publishReservation(WORKER, 'reservation.created', 'WR3', frame('reservation.created'));
    expect(hub.publishReservation(WORKER, 'reservation.wrapup', 'WR3', frame('reservation.wrapup'))).toBe(1);
    expect(hub.publishReservation(WORKER, 'reservation.completed', 'WR3', frame('reservation.completed'))).toBe(1);
    expect(hub.publishReservation(WORKER, 'reservation.wrapup', 'WR3', frame('reservation.wrapup'))).toBe(0);
    // Cleanup events are safe for the SDK whatever it holds, so they always go out.
    expect(hub.publishReservation(WORKER, 'reservation.canceled', 'WR9', frame('reservation.canceled'))).toBe(1);

    await waitFor(() => events().length === 7);
    expect(events()).toEqual(['init', 'reservation.created', 'reservation.accepted', 'reservation.created', 'reservation.wrapup', 'reservation.completed', 'reservation.canceled']);
  });
});
