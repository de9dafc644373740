import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reservation, Worker } from 'twilio-taskrouter';
import { nextEvent, startHarness, waitFor, type Harness } from './test-harness';
import { EVENTBRIDGE_PATH } from './plugin';

/**
 * The EventBridge transport with the real Worker SDK: dropped sockets,
 * blocked upgrades, token refresh and expiry, session replacement, and the
 * proxy's answers to bad input.
 */

let h: Harness;
let alice: string;

beforeEach(async () => {
  h = await startHarness({ manualClock: true });
  alice = h.emulator.ready.workers[0]!.sid;
  h.onlyAvailable(alice);
});

afterEach(async () => {
  await h.close();
});

async function connected(token = h.token(alice)): Promise<Worker> {
  const worker = h.connect(token);
  await nextEvent(worker, 'ready');
  return worker;
}

const sessions = async (): Promise<{ sessions: number; blocked: boolean; refusedUpgrades: number }> =>
  (await fetch(`${h.emulator.ready.url}/emulator/eventbridge/sessions`)).json() as Promise<{ sessions: number; blocked: boolean; refusedUpgrades: number }>;

const proxy = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.emulator.ready.url}${EVENTBRIDGE_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', apiVersion: 'v1', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('EventBridge transport', () => {
  it('reconnects after the socket is dropped and loads what it missed', async () => {
    const worker = await connected();
    const disconnected = nextEvent(worker, 'disconnected');
    const dropped = await h.admin('/emulator/eventbridge/disconnect', { workerSid: alice });
    expect(dropped).toEqual({ status: 200, body: { dropped: 1 } });
    await disconnected;
    // A task offered while the socket is down is loaded by the re-initialization.
    const readyAgain = nextEvent(worker, 'ready');
    const missedTask = await h.createTask();
    await readyAgain;
    expect([...worker.reservations.values()].map((r) => r.task.sid)).toContain(missedTask);
    // And new offers flow on the new socket.
    const reservation = [...worker.reservations.values()][0]!;
    await reservation.accept();
    await reservation.complete();
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    const next = await h.createTask();
    expect((await created).task.sid).toBe(next);
  });

  it('refuses upgrades while blocked and lets the SDK back in once unblocked', async () => {
    const worker = await connected();
    expect(await h.admin('/emulator/eventbridge/block', { blocked: true })).toEqual({ status: 200, body: { blocked: true } });
    const before = (await sessions()).refusedUpgrades;
    await h.admin('/emulator/eventbridge/disconnect', {});
    await waitFor(async () => (await sessions()).refusedUpgrades > before, { timeoutMs: 5_000, description: 'the SDK retried and was refused' });
    expect((await sessions()).sessions).toBe(0);
    const readyAgain = nextEvent(worker, 'ready', 8_000);
    await h.admin('/emulator/eventbridge/block', { blocked: false });
    await readyAgain;
    expect((await sessions()).sessions).toBe(1);
  });

  it('keeps an open session whose token was updated: no close at the old token\'s expiry', async () => {
    const worker = await connected(h.token(alice, 60));
    const disconnects: unknown[] = [];
    worker.on('disconnected', (reason) => disconnects.push(reason));
    // The host refreshes before expiry. updateToken sends nothing on the socket; the SDK puts
    // the new token in its next request, which is how the emulator learns of it.
    worker.updateToken(h.token(alice, 7200));
    await worker.setAttributes({ ...worker.attributes, refreshed: true });
    h.emulator.clock.advance(61_000);
    // Events still flow on the same socket, and no second 'ready' happened.
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    await h.createTask();
    expect((await created).workerSid).toBe(alice);
    expect(disconnects).toEqual([]);
    expect((await sessions()).sessions).toBe(1);
    // At the new token's expiry the session ends like any other.
    const disconnected = nextEvent<{ message: string }>(worker, 'disconnected');
    h.emulator.clock.advance(7200_000);
    expect((await disconnected).message).toBe('Token expired');
  });

  it('closes a session whose token expired without an update (4401 "Token expired") and refuses its reconnects', async () => {
    const worker = await connected(h.token(alice, 60));
    const disconnected = nextEvent<{ message: string }>(worker, 'disconnected');
    const before = (await sessions()).refusedUpgrades;
    h.emulator.clock.advance(61_000);
    expect((await disconnected).message).toBe('Token expired');
    // The SDK retries with the token it has, which has expired: refused, no session comes back.
    await waitFor(async () => (await sessions()).refusedUpgrades > before, { timeoutMs: 5_000, description: 'the expired token refused on reconnect' });
    expect((await sessions()).sessions).toBe(0);
    worker.disconnect();
  });

  it('refuses an expired token on the socket and on the proxy', async () => {
    const expired = h.token(alice, 60);
    h.emulator.clock.advance(120_000);
    const before = (await sessions()).refusedUpgrades;
    const worker = h.connect(expired);
    const errors: unknown[] = [];
    worker.on('error', (error) => errors.push(error));
    await waitFor(() => errors.length > 0, { description: 'the SDK reported the refused connection' });
    expect((await sessions()).refusedUpgrades).toBeGreaterThan(before);
    expect((await sessions()).sessions).toBe(0);
    worker.disconnect();

    const response = await proxy({ url: `Workspaces/${h.emulator.ready.workspaceSid}/Workers/${alice}`, method: 'GET', params: {}, token: expired });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20104, status: 401 });
  });

  it('closeExistingSessions=true closes the worker\'s other session', async () => {
    const first = await connected();
    const firstDisconnected = nextEvent<{ message: string }>(first, 'disconnected');
    const second = h.connect(h.token(alice), { closeExistingSessions: true });
    await nextEvent(second, 'ready');
    expect((await firstDisconnected).message).toMatch(/new session/);
    first.disconnect();
    await waitFor(async () => (await sessions()).sessions === 1, { description: 'only the new session remains' });
  });

  it('drops sessions on an emulator reset so the SDK re-initializes from the fresh state', async () => {
    const worker = await connected();
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    await h.createTask();
    const stale = await created;
    const readyAgain = nextEvent(worker, 'ready');
    expect((await h.admin('/emulator/reset', {})).status).toBe(200);
    await readyAgain;
    expect(worker.reservations.has(stale.sid)).toBe(false);
  });

  it('makes the SDK reload when the worker moves to an activity created after it connected', async () => {
    const worker = await connected();
    const created = h.emulator.engine.createActivity({ FriendlyName: 'Training', Available: 'false' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    // The SDK would throw on an activity it never loaded; the emulator closes the session instead.
    const disconnected = nextEvent<{ message: string }>(worker, 'disconnected');
    const readyAgain = nextEvent(worker, 'ready');
    expect(h.emulator.engine.updateWorker(alice, { ActivitySid: created.value.sid }).ok).toBe(true);
    expect((await disconnected).message).toMatch(/^Resync/);
    await readyAgain;
    expect(worker.activity.name).toBe('Training');
    expect(worker.activities.has(created.value.sid)).toBe(true);
  });

  it('greets a bare WebSocket client with init and the token lifetime', async () => {
    const { WebSocket } = await import('ws');
    const token = h.token(alice);
    const url = `${h.emulator.ready.url.replace(/^http/, 'ws')}${EVENTBRIDGE_PATH}?token=${token}&closeExistingSessions=false&clientVersion=test`;
    const socket = new WebSocket(url);
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(data.toString()));
    await waitFor(() => frames.length > 0);
    expect(JSON.parse(frames[0]!)).toMatchObject({
      event_type: 'init',
      payload: { channel_id: alice, account_sid: h.emulator.ready.accountSid, workspace_sid: h.emulator.ready.workspaceSid },
    });
    const lifetime = (JSON.parse(frames[0]!) as { payload: { token_lifetime: number } }).payload.token_lifetime;
    // The time left on the token by the emulator's (manual, so standing) clock; the token was
    // minted on the wall clock after the emulator started, so it may exceed its 3,600 s ttl.
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp;
    expect(lifetime).toBe(exp * 1000 - h.emulator.clock.now());
    expect(lifetime).toBeGreaterThan(3_590_000);
    socket.close();
  });
});

describe('EventBridge proxy input', () => {
  const workerUrl = () => `Workspaces/${h.emulator.ready.workspaceSid}/Workers/${alice}`;

  it('answers malformed bodies with a Twilio-shaped 400 and keeps serving', async () => {
    for (const body of ['', 'not json', '[]', '{"url":1}', JSON.stringify({ url: 'x', method: 'DELETE', token: 't' }), '{'.repeat(10_000)]) {
      const response = await proxy(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: 400, code: 20001 });
    }
    const good = await proxy({ url: workerUrl(), method: 'GET', params: {}, token: h.token(alice) });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { payload: { sid: string } }).payload.sid).toBe(alice);
  });

  it('refuses a bad signature, another worker and another workspace', async () => {
    const forged = `${h.token(alice).slice(0, -4)}AAAA`;
    const badSignature = await proxy({ url: workerUrl(), method: 'GET', token: forged });
    expect(badSignature.status).toBe(401);
    expect(await badSignature.json()).toMatchObject({ code: 20107 });

    const bob = h.emulator.ready.workers[1]!.sid;
    const otherWorker = await proxy({ url: `Workspaces/${h.emulator.ready.workspaceSid}/Workers/${bob}`, method: 'POST', params: { ActivitySid: h.emulator.ready.activities.Offline }, token: h.token(alice) });
    expect(otherWorker.status).toBe(403);

    const otherWorkspace = await proxy({ url: `Workspaces/WS${'0'.repeat(32)}/Workers/${alice}`, method: 'GET', token: h.token(alice) });
    expect(otherWorkspace.status).toBe(403);

    const unknownRoute = await proxy({ url: `${workerUrl()}/Statistics`, method: 'GET', token: h.token(alice) });
    expect(unknownRoute.status).toBe(404);
  });

  it('refuses a participant change before the worker is in a conference, or for a foreign reservation', async () => {
    await h.createTask();
    const pending = await waitFor(() => h.emulator.engine.listReservations({ workerSid: alice, status: 'pending' })[0]);
    const noLeg = await proxy({ url: `${workerUrl()}/WorkerParticipant`, method: 'POST', params: { ReservationSid: pending.sid, Mute: true }, token: h.token(alice) }, { apiVersion: 'v2' });
    expect(noLeg.status).toBe(400);
    expect(((await noLeg.json()) as { message: string }).message).toMatch(/conference instruction first/);
    const bob = h.emulator.ready.workers[1]!.sid;
    const foreign = await proxy({ url: `Workspaces/${h.emulator.ready.workspaceSid}/Workers/${bob}/WorkerParticipant`, method: 'POST', params: { ReservationSid: pending.sid, Mute: true }, token: h.token(bob) }, { apiVersion: 'v2' });
    expect(foreign.status).toBe(404);
  });

  it('pages active reservations with PageSize and AfterSid like the SDK expects', async () => {
    const channel = h.emulator.engine.listWorkerChannels(alice).find((c) => h.emulator.engine.getTaskChannel(c.taskChannelSid)?.uniqueName === 'default')!;
    expect(h.emulator.engine.updateWorkerChannel(alice, channel.sid, { Capacity: 3 }).ok).toBe(true);
    for (let i = 0; i < 3; i++) await h.createTask();
    await waitFor(() => h.emulator.engine.listReservations({ workerSid: alice, status: 'pending' }).length === 3);
    const seen: string[] = [];
    let afterSid: string | null = null;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const params: Record<string, unknown> = { Active: 'true', PageSize: 2, ...(afterSid ? { AfterSid: afterSid } : {}) };
      const response = await proxy({ url: `${workerUrl()}/Reservations`, method: 'GET', params, token: h.token(alice) }, { apiVersion: 'v2' });
      const { payload } = (await response.json()) as { payload: { contents: { sid: string; task: { sid: string } }[]; after_sid: string | null } };
      seen.push(...payload.contents.map((r) => r.sid));
      afterSid = payload.after_sid;
      if (!afterSid) break;
    }
    expect(new Set(seen).size).toBe(3);
  });
});

describe('EventBridge admin API', () => {
  it('refuses a foreign Origin, non-JSON bodies and bad input', async () => {
    const foreign = await h.admin('/emulator/eventbridge/disconnect', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const text = await fetch(`${h.emulator.ready.url}/emulator/eventbridge/block`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'blocked' });
    expect(text.status).toBe(415);
    expect((await h.admin('/emulator/eventbridge/block', { blocked: 'yes' })).status).toBe(400);
    expect((await h.admin('/emulator/eventbridge/disconnect', { workerSid: 'WK1' })).status).toBe(400);
    expect((await sessions()).blocked).toBe(false);
  });
});
