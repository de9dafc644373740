import { describe, expect, it } from 'vitest';
import type { DesktopCommand } from '../../shared/contract';
import { createActions } from '../app/actions';
import { createShortcutRegistry } from '../shortcuts/registry';
import { wireShortcuts } from '../shortcuts/wire-shortcuts';
import { createAppStore } from '../store/store';
import { ACTIVITIES, makeReservation, makeSettings, recordingApi } from '../test-support/fixtures';
import { wireDesktopCommands } from './wire-desktop-commands';

function setup() {
  const store = createAppStore();
  const { api, calls } = recordingApi();
  const registry = createShortcutRegistry();
  const actions = createActions(api, store);
  let deliver: (command: DesktopCommand) => void = () => undefined;
  const unwireKeys = wireShortcuts(registry, store, actions);
  const unwire = wireDesktopCommands({ onDesktopCommand: (listener) => ((deliver = listener), () => (deliver = () => undefined)) }, registry, store, actions);
  return { store, calls, registry, send: (command: DesktopCommand) => deliver(command), unwire: () => (unwire(), unwireKeys()) };
}

describe('commands from the desktop shell', () => {
  it('a global accept runs the Accept key: the selected pending offer, else the most urgent', async () => {
    const { store, calls, send, unwire } = setup();
    const later = makeReservation({ expiresAt: Date.now() + 60_000 });
    const sooner = makeReservation({ expiresAt: Date.now() + 10_000 });
    store.getState().upsertReservation(later);
    store.getState().upsertReservation(sooner);
    send({ command: 'shortcut', action: 'accept' });
    store.getState().select(later.sid);
    send({ command: 'shortcut', action: 'reject' });
    expect(calls).toEqual([
      { method: 'acceptReservation', input: { reservationSid: sooner.sid } },
      { method: 'rejectReservation', input: { reservationSid: later.sid } },
    ]);
    unwire();
  });

  it("a global mute, hold or hang up runs the call region's handler, and does nothing without a call region", () => {
    const { registry, send, unwire } = setup();
    send({ command: 'shortcut', action: 'mute' });
    const ran: string[] = [];
    registry.handle('mute', () => ran.push('mute'));
    registry.handle('hangUp', () => ran.push('hangUp'));
    send({ command: 'shortcut', action: 'mute' });
    // Already confirmed by the shell (pressed twice): runs at once, no hold.
    send({ command: 'shortcut', action: 'hangUp' });
    expect(ran).toEqual(['mute', 'hangUp']);
    unwire();
  });

  it("a notification's Accept and Reject act on that offer, with the agent's default instruction", async () => {
    const { store, calls, send, unwire } = setup();
    store.getState().setSettings({ mode: 'demo', accountSid: null, apiKeySid: null, workspaceSid: null, workerSid: null, tokenUrl: null, hasSecret: false, transport: 'subscribe', defaultInstruction: 'conference', contactUri: 'client:alice', desk: makeSettings().desk });
    const voice = makeReservation();
    const chat = makeReservation({ task: { ...makeReservation().task, channel: 'chat' } });
    store.getState().upsertReservation(voice);
    store.getState().upsertReservation(chat);
    send({ command: 'accept', reservationSid: voice.sid });
    send({ command: 'reject', reservationSid: chat.sid });
    expect(calls).toEqual([
      { method: 'conferenceReservation', input: { reservationSid: voice.sid, options: { endConferenceOnCustomerExit: true, to: 'client:alice' } } },
      { method: 'rejectReservation', input: { reservationSid: chat.sid } },
    ]);
    unwire();
  });

  it("a click on a notification selects the offer's card; the tray changes the activity as the menu does", async () => {
    const { store, calls, send, unwire } = setup();
    const offer = makeReservation();
    store.getState().upsertReservation(offer);
    send({ command: 'showReservation', reservationSid: offer.sid });
    expect(store.getState().selectedSid).toBe(offer.sid);
    store.getState().setActivities(ACTIVITIES);
    send({ command: 'setActivity', activitySid: ACTIVITIES[1]!.sid });
    await Promise.resolve();
    // Going unavailable with an offer pending waits for it ("after these offers"): the tray cannot ask first.
    expect(calls).toEqual([{ method: 'setNextActivity', input: { activitySid: ACTIVITIES[1]!.sid } }]);
    store.getState().upsertReservation({ ...offer, version: 2, status: 'rejected' });
    send({ command: 'setActivity', activitySid: ACTIVITIES[1]!.sid });
    await Promise.resolve();
    expect(calls.at(-1)).toEqual({ method: 'setActivity', input: { activitySid: ACTIVITIES[1]!.sid } });
    unwire();
  });
});
