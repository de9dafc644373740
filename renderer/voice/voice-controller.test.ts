import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reservation } from '../../shared/model';
import { ExpectedCalls } from './expected-calls';
import { VoiceController } from './voice-controller';
import { createVoiceStore } from './voice-store';

// A stand-in for the SDK module: records what the controller asks of it.
type Listener = (...args: unknown[]) => void;
class FakeEmitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}
const created: FakeDevice[] = [];
class FakeDevice extends FakeEmitter {
  tokens: string[];
  registered = false;
  destroyed = false;
  audio = undefined;
  constructor(
    token: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.tokens = [token];
    created.push(this);
  }
  async register() {
    this.registered = true;
    this.emit('registered');
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  destroy() {
    this.destroyed = true;
  }
}
class FakeCall extends FakeEmitter {
  accepted = false;
  constructor(
    readonly parameters: Record<string, string>,
    readonly customParameters: Map<string, string>,
  ) {
    super();
  }
  accept() {
    this.accepted = true;
    this.emit('accept');
  }
  isMuted() {
    return false;
  }
}
vi.mock('@twilio/voice-sdk', () => ({ Device: FakeDevice, Call: { Codec: { PCMU: 'pcmu', Opus: 'opus' } } }));
vi.mock('./sound-assets', () => ({ SOUND_ASSET_URLS: { incoming: 'incoming.wav' } }));

const reservation = { sid: 'WR' + '1'.repeat(32), status: 'pending', updatedAt: Date.now(), task: { channel: 'voice' }, caller: { name: 'Ada', number: '+1555' } } as unknown as Reservation;

function setup(signalingUrl: string | null) {
  const store = createVoiceStore();
  let pushToken: ((t: { token: string; identity: string; expiresAt: number; signalingUrl: string | null }) => void) | undefined;
  const api = {
    getVoiceToken: vi.fn(async () => ({ ok: true as const, value: { token: 'tok-1', identity: 'alice', expiresAt: Date.now() + 60_000, signalingUrl } })),
    holdCaller: vi.fn(),
    onVoiceTokenUpdated: vi.fn((listener: typeof pushToken) => {
      pushToken = listener;
      return () => undefined;
    }),
  };
  const expectedCalls = new ExpectedCalls();
  const controller = new VoiceController({ api: api as never, store, expectedCalls, reservations: () => [reservation] });
  return { store, api, controller, expectedCalls, push: (token: string) => pushToken?.({ token, identity: 'alice', expiresAt: 0, signalingUrl }) };
}

describe('VoiceController', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('in demo mode registers a Device with local sounds and Insights off, and redirects signaling to the emulator', async () => {
    const { store, controller } = setup('ws://127.0.0.1:4000/signal');
    await controller.start();
    const device = created[0]!;
    expect(device.options).toMatchObject({ publishEvents: false, sounds: { incoming: 'incoming.wav' } });
    expect(store.getState().registration).toBe('registered');
    expect((globalThis as unknown as Record<string, unknown>)['__voiceSignalingTarget']).toBe('ws://127.0.0.1:4000/signal');
    controller.stop();
    expect(device.destroyed).toBe(true);
  });

  it('shows why voice is unavailable when the host has no token', async () => {
    const { store, api, controller } = setup(null);
    api.getVoiceToken.mockResolvedValueOnce({ ok: false, error: { code: 'not_configured', message: 'No client: contact URI.' } } as never);
    await controller.start();
    expect(store.getState()).toMatchObject({ registration: 'error', problem: 'No client: contact URI.' });
    expect(created).toHaveLength(0);
  });

  it('applies pushed tokens once each, and answers by itself the call this desktop asked for', async () => {
    const { store, controller, push, expectedCalls } = setup(null);
    expectedCalls.expect(reservation.sid);
    await controller.start();
    const device = created[0]!;
    push('tok-1');
    push('tok-2');
    expect(device.tokens).toEqual(['tok-1', 'tok-2']);

    const call = new FakeCall({ CallSid: 'CA' + '2'.repeat(32), From: '+1555' }, new Map([['reservationSid', reservation.sid]]));
    device.emit('incoming', call);
    expect(call.accepted).toBe(true);
    expect(store.getState().call).toMatchObject({ caller: 'Ada', reservationSid: reservation.sid, state: 'open' });
    call.emit('warning', 'high-rtt');
    expect(Object.values(store.getState().call!.warnings)[0]).toMatch(/slow/);
    call.emit('disconnect');
    expect(store.getState()).toMatchObject({ call: null, lastOutcome: 'The call ended.' });
  });

  it('lets a call ring when auto-answer is off, and explains a caller who gave up', async () => {
    const { store, controller } = setup(null);
    store.setState({ autoAnswer: false });
    await controller.start();
    const call = new FakeCall({ CallSid: 'CA' + '3'.repeat(32), From: '+1555' }, new Map([['reservationSid', reservation.sid]]));
    created[0]!.emit('incoming', call);
    expect(call.accepted).toBe(false);
    expect(store.getState().call?.state).toBe('ringing');
    call.emit('cancel');
    expect(store.getState()).toMatchObject({ call: null, lastOutcome: 'The caller hung up before you answered.' });
  });

  it('never answers by itself a call this desktop did not ask for, even while a voice offer is open', async () => {
    const { store, controller } = setup(null);
    await controller.start();
    // Against Twilio a call carries no reservation: the old guess ("any voice offer active in the last minute") picked it up.
    const stranger = new FakeCall({ CallSid: 'CA' + '4'.repeat(32), From: '+1999' }, new Map());
    created[0]!.emit('incoming', stranger);
    expect(stranger.accepted).toBe(false);
    expect(store.getState().call?.state).toBe('ringing');
  });

  it('lets a call ring that names a reservation another window or app instructed', async () => {
    const { controller, expectedCalls } = setup(null);
    expectedCalls.expect('WR' + '9'.repeat(32));
    await controller.start();
    const call = new FakeCall({ CallSid: 'CA' + '5'.repeat(32), From: '+1555' }, new Map([['reservationSid', reservation.sid]]));
    created[0]!.emit('incoming', call);
    expect(call.accepted).toBe(false);
  });

  it('without a named reservation, answers only while exactly one instruction of this desktop is outstanding', async () => {
    const { controller, expectedCalls } = setup(null);
    expectedCalls.expect(reservation.sid);
    await controller.start();
    const call = new FakeCall({ CallSid: 'CA' + '6'.repeat(32), From: '+1555' }, new Map());
    created[0]!.emit('incoming', call);
    expect(call.accepted).toBe(true);
  });
});
