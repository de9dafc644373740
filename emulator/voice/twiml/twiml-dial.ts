import { SAMPLES_PER_FRAME, type AudioSource } from '../audio-frames';
import { FINAL_CALL_STATUSES, type VoiceCall } from '../call-registry';
import type { DialOutcome } from '../voice-emulator';
import { abortable, type TwimlHost } from './twiml-host';
import { loopbackUrl } from './loopback-fetch';
import type { ConferenceNoun, QueueNoun, TwimlVerb } from './parse-twiml';
import { TwimlError } from './twiml-error';
import type { TwimlRun } from './twiml-runner';

type DialVerb = Extract<TwimlVerb, { verb: 'Dial' }>;
type DialCallStatus = 'completed' | 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled';
type Next = 'continue' | { goto: { url: string; method: 'GET' | 'POST'; params?: Record<string, string> } };

/**
 * <Dial>: rings its <Client>/<Number> nouns at once and bridges the first
 * that answers (the others are canceled; the caller hears ringback
 * meanwhile), joins a <Conference> by name, or dequeues a caller from a
 * <Queue> (by reservationSid, accepting the TaskRouter reservation, or the
 * front of a named queue). The dialed leg is hung up when the caller leaves;
 * when the dialed party hangs up, the caller goes on with the next verb — or
 * with the `action` URL, which gets DialCallStatus, DialCallSid and
 * DialCallDuration.
 */
export async function runDial(run: TwimlRun, verb: DialVerb, base: string | undefined): Promise<Next> {
  const first = verb.nouns[0]!;
  let outcome: { status: DialCallStatus; callSid?: string; seconds: number };
  if (first.noun === 'Conference') outcome = await dialConference(run, first);
  else if (first.noun === 'Queue') outcome = await dialQueue(run, first, verb);
  else outcome = await dialParties(run, verb);
  if (!verb.action) return 'continue';
  return {
    goto: {
      url: loopbackUrl(verb.action, base).href,
      method: verb.method,
      params: { DialCallStatus: outcome.status, ...(outcome.callSid ? { DialCallSid: outcome.callSid } : {}), DialCallDuration: String(outcome.seconds) },
    },
  };
}

async function dialParties(run: TwimlRun, verb: DialVerb): Promise<{ status: DialCallStatus; callSid?: string; seconds: number }> {
  const { voice, accountSid } = run.host;
  const parent = run.call;
  const ringing = new AbortController();
  const stopRinging = () => ringing.abort(new Error('The dial ended'));
  run.signal.addEventListener('abort', stopRinging, { once: true });
  const from = verb.callerId ?? parent.from;
  const common = { from, direction: 'outbound-dial' as const, parentCallSid: parent.sid, timeoutMs: verb.timeout * 1000, signal: ringing.signal, onCreated: (call: VoiceCall) => run.host.onCallCreated(call) };
  // The caller hears ringback until someone answers (the bridge then takes its audio).
  void voice.play(parent, ringback(), null, { kind: 'dial', detail: verb.nouns.map(describe).join(', ') }, ringing.signal);
  const attempts = verb.nouns.map((noun): Promise<DialOutcome> => {
    if (noun.noun === 'Client') return voice.dialClient({ ...common, identity: noun.identity, to: `client:${noun.identity}`, params: noun.params, accountSid });
    if (noun.noun === 'Number') return voice.dialNumber({ ...common, to: noun.number });
    return Promise.resolve({ outcome: 'failed', callSid: '', reason: 'not a party' });
  });
  const winner = await firstAnswered(attempts, (sid) => voice.hangup(sid));
  stopRinging();
  run.signal.removeEventListener('abort', stopRinging);
  if (!('callSid' in winner) || winner.outcome !== 'answered') {
    if (run.signal.aborted) throw run.signal.reason instanceof Error ? run.signal.reason : new Error('aborted');
    return { status: winner.outcome === 'busy' ? 'busy' : winner.outcome === 'no-answer' ? 'no-answer' : winner.outcome === 'caller-hung-up' ? 'canceled' : 'failed', seconds: 0 };
  }
  const child = voice.calls.get(winner.callSid);
  if (!child) return { status: 'failed', seconds: 0 };
  const started = Date.now();
  try {
    const bridge = voice.bridge(parent, child);
    const limit = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, verb.timeLimit * 1000);
      void bridge.ended.then(() => clearTimeout(timer));
    });
    await abortable(Promise.race([bridge.ended, limit]), run.signal);
  } finally {
    // The caller left (or the time limit struck): the dialed party is hung up, as on Twilio.
    if (!FINAL_CALL_STATUSES.has(child.status)) voice.hangup(child.sid);
  }
  return { status: 'completed', callSid: child.sid, seconds: Math.round((Date.now() - started) / 1000) };
}

/** Resolves with the first answered attempt (and cancels the rest), or the most telling failure. */
function firstAnswered(attempts: Promise<DialOutcome>[], hangUpLate: (callSid: string) => void): Promise<DialOutcome> {
  return new Promise((resolve) => {
    const failures: DialOutcome[] = [];
    let settled = false;
    for (const attempt of attempts) {
      void attempt.catch((error: unknown): DialOutcome => ({ outcome: 'failed', callSid: '', reason: String(error) })).then((outcome) => {
        if (settled) {
          // A second party answered after the first: hang it up.
          if (outcome.outcome === 'answered') hangUpLate(outcome.callSid);
          return;
        }
        if (outcome.outcome === 'answered') {
          settled = true;
          resolve(outcome);
          return;
        }
        failures.push(outcome);
        if (failures.length === attempts.length) {
          settled = true;
          const rank = ['busy', 'no-answer', 'caller-hung-up', 'failed'];
          resolve(failures.sort((x, y) => rank.indexOf(x.outcome) - rank.indexOf(y.outcome))[0]!);
        }
      });
    }
  });
}

async function dialConference(run: TwimlRun, noun: ConferenceNoun): Promise<{ status: DialCallStatus; seconds: number }> {
  const { voice } = run.host;
  const joined = voice.joinConference(noun.name, run.call.sid, {
    startConferenceOnEnter: noun.startConferenceOnEnter,
    endConferenceOnExit: noun.endConferenceOnExit,
    muted: noun.muted,
    label: noun.participantLabel,
  });
  if (!joined) throw new TwimlError(13214, `<Dial><Conference>${noun.name}</Conference>: the call is no longer live`);
  if (noun.statusCallback && !joined.conference.statusCallback) {
    const url = loopbackUrl(noun.statusCallback, run.call.url).href;
    joined.conference.statusCallback = { url, method: noun.statusCallbackMethod, events: new Set(noun.statusCallbackEvent.length > 0 ? noun.statusCallbackEvent : ['start', 'end']) };
  }
  const started = Date.now();
  await abortable(joined.participant.left, run.signal);
  return { status: 'completed', seconds: Math.round((Date.now() - started) / 1000) };
}

async function dialQueue(run: TwimlRun, noun: QueueNoun, verb: DialVerb): Promise<{ status: DialCallStatus; callSid?: string; seconds: number }> {
  const { voice, taskRouter } = run.host;
  let entry;
  if (noun.reservationSid) {
    const reservation = taskRouter.reservation(noun.reservationSid);
    if (!reservation) throw new TwimlError(14217, `Dial->Queue: Could not find or accept reservation ${noun.reservationSid}`);
    if (reservation.status !== 'pending') throw new TwimlError(14215, `Dial->Queue: Invalid ReservationSid. Unable to dequeue: reservation ${noun.reservationSid} is ${reservation.status}, not pending`);
    const callerSid = taskRouter.taskCallSid(reservation.taskSid);
    entry = callerSid ? voice.queues.takeCall(callerSid) : undefined;
    if (!entry) throw new TwimlError(14215, `Dial->Queue: Invalid ReservationSid. Unable to dequeue: the caller of task ${reservation.taskSid} is not waiting in a queue`);
    const accepted = taskRouter.acceptReservation(noun.reservationSid);
    if (!accepted.ok) {
      // Put the caller back where it was: nothing was bridged.
      voice.queues.enqueue(entry.queueName, entry.call, entry.taskSid);
      throw new TwimlError(14217, `Dial->Queue: Could not accept reservation ${noun.reservationSid}: ${accepted.message}`);
    }
  } else {
    if (!noun.name) throw new TwimlError(12200, '<Queue> needs a queue name or a reservationSid');
    const deadline = Date.now() + verb.timeout * 1000;
    entry = voice.queues.takeFront(noun.name);
    while (!entry && Date.now() < deadline) {
      const timeout = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      await voice.play(run.call, ringback(), null, { kind: 'dial', detail: `queue:${noun.name}` }, AbortSignal.any([run.signal, timeout, arrival(voice, noun.name, run.signal)]));
      if (run.signal.aborted) throw run.signal.reason instanceof Error ? run.signal.reason : new Error('aborted');
      entry = voice.queues.takeFront(noun.name);
    }
    if (!entry) return { status: 'no-answer', seconds: 0 };
  }
  const caller = entry.call;
  const started = Date.now();
  const bridge = voice.bridge(run.call, caller);
  entry.markTaken(bridge);
  await abortable(bridge.ended, run.signal);
  return { status: 'completed', callSid: caller.sid, seconds: Math.round((Date.now() - started) / 1000) };
}

/** A signal that aborts when someone joins the queue. */
function arrival(voice: TwimlHost['voice'], queueName: string, stop: AbortSignal): AbortSignal {
  const controller = new AbortController();
  void voice.queues.nextArrival(queueName, AbortSignal.any([stop, controller.signal])).then(() => controller.abort());
  return controller.signal;
}

function describe(noun: DialVerb['nouns'][number]): string {
  return noun.noun === 'Client' ? `client:${noun.identity}` : noun.noun === 'Number' ? noun.number : noun.noun === 'Queue' ? `queue:${noun.name}` : `conference:${noun.name}`;
}

/** North American ringback: 440 + 480 Hz, two seconds on, four off. */
export function ringback(): AudioSource {
  let n = 0;
  return () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    for (let i = 0; i < frame.length; i++, n++) {
      const t = n / 8000;
      const on = t % 6 < 2;
      frame[i] = on ? Math.round(3000 * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t))) : 0;
    }
    return frame;
  };
}
