import { z } from 'zod';
import { agentDay, deskSettings, externalUrl, previousContacts, wrapUp, wrapUpNotes } from './desk';
import { globalShortcutAction, globalShortcutsInput, globalShortcutsState } from './global-shortcuts';
import { callState } from './call-state';
import { callOptions, conferenceOptions, dequeueOptions, redirectOptions } from './instructions';
import { activity, connectionState, publicSettings, reservation, snapshot, worker, workerSummary } from './model';
import { issue } from './issues';
import { uiLocale } from './locales';
import type { Result } from './result';
import { sidField } from './sids';
import { CLIENT_URI, contactUri, E164, httpUrl } from './validation';

/**
 * THE contract between the host (Electron main process, or the browser-mode
 * server) and the renderer. Every request and every pushed event is declared
 * here once, with its schema. The Electron preload, the main-side handlers, the
 * browser-mode bridge and the renderer's client all derive from this object;
 * nothing restates it.
 *
 * Requests answer `Result<Output>`; inputs are parsed by the host before anything
 * is sent to Twilio, so a malformed input yields `invalid_input` and no request.
 */

const reservationSid = sidField('WR');
const activitySid = sidField('WA');
const onReservation = <S extends z.ZodRawShape>(shape: S) => z.strictObject({ reservationSid, ...shape });

const transport = z.enum(['subscribe', 'poll']);
const defaultInstruction = z.enum(['accept', 'conference']);
const commonSettings = {
  transport: transport.optional(),
  defaultInstruction: defaultInstruction.optional(),
  contactUri: contactUri.nullable().optional(),
};

/** What the agent enters in Settings. A secret, when given, is stored in the host and never echoed back. */
export const settingsInput = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('demo'), ...commonSettings }),
  z.strictObject({
    mode: z.literal('account'),
    accountSid: sidField('AC'),
    /** With an API key the secret is the key's secret; without, it is the account's auth token. */
    apiKeySid: sidField('SK').nullable().optional(),
    /** Omit to keep the stored secret. */
    secret: z.string().min(8, { message: issue('secret_short') }).max(256).optional(),
    workspaceSid: sidField('WS'),
    workerSid: sidField('WK'),
    ...commonSettings,
  }),
  z.strictObject({
    mode: z.literal('tokenUrl'),
    /** Your backend's endpoint that returns the worker's tokens; the app then holds no account secret. */
    tokenUrl: httpUrl,
    ...commonSettings,
  }),
]);
export type SettingsInput = z.infer<typeof settingsInput>;

const empty = z.strictObject({});

const callSid = sidField('CA');

/** What the renderer needs to register the Voice SDK Device. */
export const voiceToken = z.strictObject({
  token: z.string().min(1),
  /** The Device identity (the worker's contact_uri without `client:`). */
  identity: z.string().min(1),
  /** When the token expires, epoch ms; the host refreshes it before. */
  expiresAt: z.number(),
  /** Demo mode: the emulator's signaling WebSocket (`ws://127.0.0.1:PORT/signal`); null means Twilio's own. */
  signalingUrl: z.string().nullable(),
});
export type VoiceToken = z.infer<typeof voiceToken>;

/** A conference participant as the call controls show it. */
export const conferenceParticipant = z.strictObject({
  conferenceSid: sidField('CF'),
  callSid,
  hold: z.boolean(),
  muted: z.boolean(),
});
export type ConferenceParticipant = z.infer<typeof conferenceParticipant>;

const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/**
 * A window of the app, as it names itself to the host (a random id made when
 * it loads): exactly one window owns the Voice SDK Device at a time, and the
 * host relays what the others ask of the Device to that one.
 */
const windowId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'The window id must be 8 to 64 letters, digits, _ or -' });
/** A call as the host keys it (callState.id). */
const callId = z.string().min(1).max(64);

/** Whom the agent can dial or add: a phone number (E.164) or a colleague's `client:identity`. */
export const dialTarget = z
  .string()
  .trim()
  .refine((v) => E164.test(v) || CLIENT_URI.test(v), { message: issue('dial_target') });

/** What the host asks the Device's window to do (the Voice SDK acts only where it lives). */
export const deviceAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answer') }),
  z.strictObject({ kind: z.literal('decline') }),
  z.strictObject({ kind: z.literal('hangUp') }),
  z.strictObject({ kind: z.literal('mute'), muted: z.boolean() }),
  z.strictObject({ kind: z.literal('digits'), digits: z.string().regex(/^[0-9*#]{1,32}$/, { message: issue('digits') }) }),
]);
export type DeviceAction = z.infer<typeof deviceAction>;

/** A relayed action, or an outgoing call to place (`To` for the Voice SDK's `device.connect`). */
export const deviceCommand = z.strictObject({
  windowId,
  callId,
  command: z.union([deviceAction, z.strictObject({ kind: z.literal('dial'), to: z.string().min(1).max(256) })]),
});
export type DeviceCommand = z.infer<typeof deviceCommand>;

/** What the Device's window saw happen to a call (the Voice SDK's events), reported to the host. */
export const callReport = z.discriminatedUnion('kind', [
  /** The Device rings. `reservationSid` is the call's custom parameter when it has one. */
  z.strictObject({ kind: z.literal('incoming'), callSid, from: z.string().max(256).nullable(), reservationSid: reservationSid.nullable() }),
  /** The call was answered (incoming) or connected (outgoing: its CallSid is now known). */
  z.strictObject({ kind: z.literal('accepted'), callId, callSid: callSid.nullable() }),
  /** The Device's call is over, and how it ended as the Device saw it. */
  z.strictObject({ kind: z.literal('ended'), callId, how: z.enum(['canceled', 'rejected', 'agentHungUp', 'remoteHungUp', 'failed']) }),
  z.strictObject({ kind: z.literal('muted'), callId, muted: z.boolean() }),
  /** A Voice SDK error: its code (every window words it), and the owner window's sentence for logs. */
  z.strictObject({ kind: z.literal('error'), callId, message: z.string().max(500), voiceCode: z.number().int().optional() }),
]);
export type CallReport = z.infer<typeof callReport>;

const onCall = <S extends z.ZodRawShape>(shape: S) => z.strictObject({ callId, ...shape });

/** A transfer target: a worker (WK…) or a queue (WQ…). */
const transferTarget = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('worker'), sid: sidField('WK') }),
  z.strictObject({ type: z.literal('queue'), sid: sidField('WQ') }),
]);

/** The directory the agent transfers to, adds from and dials: colleagues with their state, and queues. */
export const directory = z.strictObject({
  workers: z.array(
    z.strictObject({ sid: z.string(), friendlyName: z.string(), activityName: z.string(), available: z.boolean(), contactUri: z.string().nullable() }),
  ),
  queues: z.array(z.strictObject({ sid: z.string(), friendlyName: z.string() })),
});
export type Directory = z.infer<typeof directory>;

/** Every request the renderer can make, by name. */
export const requests = {
  /** Everything the UI needs to draw itself after (re)connecting. */
  getSnapshot: request(empty, snapshot),
  /** Accept a pending reservation (no instruction). */
  acceptReservation: request(onReservation({}), reservation),
  /** Reject a pending reservation, optionally moving the worker to an activity. */
  rejectReservation: request(onReservation({ activitySid: activitySid.optional() }), reservation),
  /** Conference instruction: call the worker and bridge the caller into a conference named after the task. */
  conferenceReservation: request(onReservation({ options: conferenceOptions }), reservation),
  /** Dequeue instruction: connect the queued caller to the worker. */
  dequeueReservation: request(onReservation({ options: dequeueOptions }), reservation),
  /** Call instruction: place a call to the worker that runs the given TwiML. */
  callReservation: request(onReservation({ options: callOptions }), reservation),
  /** Redirect instruction: move the caller's call to new TwiML. */
  redirectReservation: request(onReservation({ options: redirectOptions }), reservation),
  /**
   * Move an accepted reservation to wrapping (after-call work). The agent's call leg for it ends too,
   * unless `keepCall` (the agent stays on the line, e.g. a warm hand-off).
   */
  wrapReservation: request(onReservation({ keepCall: z.boolean().optional() }), reservation),
  /** Complete an accepted or wrapping reservation; ends the agent's call leg for it unless `keepCall`. */
  completeReservation: request(onReservation({ keepCall: z.boolean().optional() }), reservation),
  /** Change the worker's activity now. */
  setActivity: request(z.strictObject({ activitySid, rejectPendingReservations: z.boolean().optional() }), worker),
  /** Choose the activity to move to once the current task is completed (null clears it). */
  setNextActivity: request(z.strictObject({ activitySid: activitySid.nullable() }), worker),
  /** The settings, without secrets. */
  getSettings: request(empty, publicSettings),
  /** Change mode, credentials or preferences; the host reconnects when needed. */
  saveSettings: request(settingsInput, publicSettings),
  /** The workspace's workers, for choosing who this desktop is (account mode). */
  listWorkers: request(empty, z.array(workerSummary)),
  /** A short-lived Voice access token for the agent's Device (the only credential the renderer ever holds). */
  getVoiceToken: request(empty, voiceToken),
  /** Put the caller of an accepted voice reservation on hold (hold music) or take them off hold. */
  holdCaller: request(onReservation({ hold: z.boolean() }), conferenceParticipant),
  /** Mute or unmute a participant of the reservation's conference (the agent's own leg when callSid is omitted). */
  muteParticipant: request(onReservation({ callSid: callSid.optional(), muted: z.boolean() }), conferenceParticipant),
  /** Remove a participant from the reservation's conference (hangs up that leg). */
  removeParticipant: request(onReservation({ callSid }), z.strictObject({ callSid })),
  /** End the reservation's conference for everyone. */
  endConference: request(onReservation({}), z.strictObject({ conferenceSid: sidField('CF') })),
  /** Save the desk's conventions (dispositions, wrap-up timer, task detail fields, customer link, presets); never reconnects. */
  saveDeskSettings: request(deskSettings, publicSettings),
  /** Earlier tasks of the same caller: TaskRouter's task list filtered with EvaluateTaskAttributes on the caller's number. */
  previousContacts: request(onReservation({}), previousContacts),
  /** Keep the wrap-up draft in the host, so the timer completes with it and other windows show it. */
  saveWrapUp: request(onReservation({ disposition: z.string().max(64).nullable(), notes: wrapUpNotes }), wrapUp),
  /** Give a wrapping reservation more after-call work time. */
  extendWrapUp: request(onReservation({}), wrapUp),
  /**
   * Write the disposition and notes to the task's attributes where Flex Insights reads them
   * (`conversations.outcome`, `conversations.content`), then complete the reservation.
   */
  finishWrapUp: request(onReservation({ disposition: z.string().max(64).nullable(), notes: wrapUpNotes }), reservation),
  /** Tasks handled, average handle time, time per activity and the agent's queues. */
  getAgentDay: request(empty, agentDay),
  /** Open an https address (a customer record) in the system browser (Electron; browser mode uses a plain link). */
  openExternal: request(z.strictObject({ url: externalUrl }), z.strictObject({ opened: z.literal(true) })),
  // Desktop only: the runtime-agnostic host answers `unsupported` (browser mode); Electron's main process answers them.
  /** The global (system-wide) shortcuts: on or off, their keys, and whether the OS gave each one to us. */
  getGlobalShortcuts: request(empty, globalShortcutsState),
  /** Switch global shortcuts on or off, or change their keys; each is registered with the OS at once. */
  saveGlobalShortcuts: request(globalShortcutsInput, globalShortcutsState),
  /** Pause global shortcuts while a key field records a combination (so pressing it is typed, not run). */
  suspendGlobalShortcuts: request(z.strictObject({ suspended: z.boolean() }), globalShortcutsState),
  /**
   * Ask to own the Voice SDK Device. The first window to ask gets it and keeps it while it asks again
   * within the lease (every few seconds); the others show the calls and act through the host.
   */
  claimDevice: request(z.strictObject({ windowId }), z.strictObject({ owner: z.boolean() })),
  /** The owning window lets the Device go (it is closing); another window may claim it. */
  releaseDevice: request(z.strictObject({ windowId }), z.strictObject({ released: z.boolean() })),
  /** The owning window reports what its Device saw; answers the host's id for the call and whether this desktop asked for it. */
  reportCall: request(z.strictObject({ windowId, report: callReport }), z.strictObject({ callId, expected: z.boolean() })),
  /** The calls of this session: the live ones and the last ended ones. */
  listCalls: request(empty, z.array(callState)),
  /** Act on a call from any window: answer, decline, hang up, mute, send digits (relayed to the Device's window when needed). */
  callAction: request(onCall({ action: deviceAction }), callState),
  /** Put the customer on hold (hold music) or take them off hold. */
  holdCall: request(onCall({ hold: z.boolean() }), callState),
  /** Add a phone number or a colleague (`client:…`) to the call's conference. */
  addCallParticipant: request(onCall({ to: dialTarget }), callState),
  /** Remove one participant (not the agent) from the call's conference. */
  removeCallParticipant: request(onCall({ callSid }), callState),
  /**
   * Transfer the customer to a worker or a queue, without Flex: a new task carrying the transfer is routed
   * by the workflow; the target's reservation joins this conference. Cold: the agent leaves at once.
   * Warm: the customer waits on hold while the agent consults the target, then completes or cancels.
   */
  startTransfer: request(onCall({ target: transferTarget, mode: z.enum(['cold', 'warm']) }), callState),
  /** Warm transfer: leave the customer with the target (the customer comes off hold; the agent's leg ends and the task wraps up). */
  completeTransfer: request(onCall({}), callState),
  /** Cancel the transfer: the transfer task is canceled or the target leaves; the customer comes back off hold. */
  cancelTransfer: request(onCall({}), callState),
  /** Workers (activity, availability) and queues, for the transfer and dial directory. */
  listDirectory: request(empty, directory),
  /** Dial a number or a colleague: an outbound task routed to this agent keeps TaskRouter's capacity true. */
  startOutboundCall: request(z.strictObject({ to: dialTarget }), callState),
  /** The language the window shows: the desktop shell's own text (notifications, tray, menu, dialogs) follows it. */
  reportLocale: request(z.strictObject({ locale: uiLocale }), z.strictObject({})),
} as const;

/** Why the host started a new session epoch. */
export const sessionReset = z.strictObject({
  epoch: z.number().int().nonnegative(),
  /** `identity`: another account, worker, mode or endpoint; `connection`: a new connection with the same identity. */
  reason: z.enum(['identity', 'connection']),
});
export type SessionReset = z.infer<typeof sessionReset>;

/**
 * Something the desktop shell asks the window to do, from outside it: a global
 * shortcut, a notification's Accept/Reject/click, the tray menu. The window runs
 * the same action as its own button or key, so the outcome and its errors show
 * where they always do.
 */
export const desktopCommand = z.discriminatedUnion('command', [
  /** A global shortcut was pressed (a press-twice action: confirmed): run that in-window shortcut's action. */
  z.strictObject({ command: z.literal('shortcut'), action: globalShortcutAction }),
  z.strictObject({ command: z.literal('accept'), reservationSid }),
  z.strictObject({ command: z.literal('reject'), reservationSid }),
  /** Select and focus this reservation's card (the window has been brought forward). */
  z.strictObject({ command: z.literal('showReservation'), reservationSid }),
  z.strictObject({ command: z.literal('setActivity'), activitySid }),
]);
export type DesktopCommand = z.infer<typeof desktopCommand>;

/** Every event pushed to the renderer, by name: the host pushes all but the two desktop-only ones, which Electron's main process pushes. */
export const events = {
  /**
   * A new session epoch began: drop everything of the old one (reservations,
   * worker, activities, errors, attention) and load the snapshot again. Every
   * event after this one belongs to the new epoch.
   */
  sessionReset,
  /** A reservation was created or changed (deduplicated by SID and version). */
  reservationUpdated: reservation,
  /** The worker's activity, attributes or next activity changed. */
  workerUpdated: worker,
  /** The workspace's activities changed (or were loaded). */
  activitiesUpdated: z.array(activity),
  /** The connection to TaskRouter changed. */
  connectionChanged: connectionState,
  /** Settings changed (mode, worker, preferences). */
  settingsChanged: publicSettings,
  /** The host refreshed the Voice token before it expired: hand it to the Device (`device.updateToken`). */
  voiceTokenUpdated: voiceToken,
  /** A wrap-up started, changed (draft, extension, failed completion) or ended (`state: 'open'` … then absent from the next snapshot). */
  wrapUpUpdated: wrapUp,
  /** A wrap-up ended (completed, or the reservation ended elsewhere). */
  wrapUpEnded: z.object({ reservationSid: z.string() }),
  /** Desktop only (Electron main): run an action asked for from outside the window. */
  desktopCommand,
  /** Desktop only: the global shortcuts changed (switched, rebound, or the OS refused one). */
  globalShortcutsChanged: globalShortcutsState,
  /** A call changed (state machine in shared/call-state.ts). */
  callUpdated: callState,
  /** Something only the Device can do: the window named by `windowId` (the owner) does it. */
  deviceCommand,
  /** Who owns the Device now (null: nobody; a window may claim it). */
  deviceOwnerChanged: z.strictObject({ ownerWindowId: windowId.nullable() }),
} as const;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = z.infer<Requests[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.infer<Events[N]>;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The host side: one handler per request. A missing handler is a compile error. */
export type Handlers = { [N in RequestName]: (input: z.infer<Requests[N]['input']>) => Promise<Result<RequestOutput<N>>> };

/**
 * The renderer side: the API object both bridges expose (Electron preload as
 * `window.agentDesktop`, browser mode through a WebSocket client): one function
 * per request, one `onX(listener) → unsubscribe` per event.
 */
export type AgentDesktopApi = { [N in RequestName]: (input: RequestInput<N>) => Promise<Result<RequestOutput<N>>> } & {
  [N in EventName as `on${Capitalize<N>}`]: (listener: (payload: EventPayload<N>) => void) => () => void;
};

export const eventListenerName = <N extends EventName>(name: N) => `on${name[0]!.toUpperCase()}${name.slice(1)}` as `on${Capitalize<N>}`;

/** The Electron IPC channel for a request or event. */
export const ipcChannel = (name: RequestName | EventName): string => `agent-desktop:${name}`;

/** Messages of the browser-mode WebSocket, which carries the same contract as IPC. */
export const bridgeClientMessage = z.strictObject({ type: z.literal('request'), id: z.number().int().nonnegative(), method: z.string().max(64), input: z.unknown() });
export type BridgeClientMessage = z.infer<typeof bridgeClientMessage>;
export type BridgeServerMessage =
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

/**
 * Close codes of the browser-mode WebSocket the page acts on (4000–4999 are the
 * application's own). `reload`: the host now uses endpoints the page's CSP does
 * not allow (the agent changed the mode or account); reloading fetches the new policy.
 */
export const BRIDGE_CLOSE_CODES = { reload: 4001 } as const;
