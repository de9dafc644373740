import { holdMusic, speechLikeTone, silence, SAMPLES_PER_FRAME, type AudioSource } from '../audio-frames';
import { framesFor } from '../audio-player';
import type { VoiceCall } from '../call-registry';
import { decodeWav } from '../wav';
import { runDial } from './twiml-dial';
import { abortable, callParams, throwIfAborted, type TwimlHost } from './twiml-host';
import { loopbackFetch, loopbackUrl } from './loopback-fetch';
import { parseTwiml, TWIML_LIMITS, type HttpMethod, type TwimlDocument, type TwimlVerb } from './parse-twiml';
import { TwimlError } from './twiml-error';

/**
 * Executes TwiML on a live call: fetches the document (loopback only),
 * runs its verbs in order, follows <Redirect> and `action` URLs, and ends the
 * call when the document ends, as Twilio does. Bounded: at most
 * MAX_DOCUMENTS documents per call, and at most MAX_IDLE_DOCUMENTS documents
 * in a row in which nothing took any time (a redirect loop).
 */

export const MAX_DOCUMENTS = 200;
export const MAX_IDLE_DOCUMENTS = 10;

export type TwimlSource = { url: string; method: HttpMethod; params?: Record<string, string> } | { twiml: string };

const XML_TYPES = ['text/xml', 'application/xml', 'text/html'] as const;
const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'] as const;

/** Starts TwiML on a call, replacing whatever it ran (a redirect). */
export function runTwiml(host: TwimlHost, call: VoiceCall, source: TwimlSource): void {
  host.voice.runProgram(call, (signal) => new TwimlRun(host, call, signal).run(source));
}

/** A verb's answer: go on with the next one, stop (hang up), or continue with another document. */
type Next = 'continue' | 'stop' | { goto: TwimlSource };

export class TwimlRun {
  private documents = 0;
  private idleDocuments = 0;
  private progressed = false;
  private readonly audioCache = new Map<string, Int16Array>();

  constructor(
    readonly host: TwimlHost,
    readonly call: VoiceCall,
    readonly signal: AbortSignal,
  ) {}

  async run(first: TwimlSource): Promise<void> {
    let source: TwimlSource | undefined = first;
    while (source) {
      const { document, url } = await this.load(source);
      source = undefined;
      for (const verb of document.verbs) {
        throwIfAborted(this.signal);
        const next = await this.verb(verb, url);
        if (next === 'stop') return;
        if (next !== 'continue') {
          source = next.goto;
          break;
        }
      }
    }
  }

  /** Fetches and parses a document, enforcing the per-call bounds. */
  async load(source: TwimlSource): Promise<{ document: TwimlDocument; url: string | undefined }> {
    this.documents++;
    this.idleDocuments = this.progressed ? 1 : this.idleDocuments + 1;
    this.progressed = false;
    if (this.documents > MAX_DOCUMENTS) throw new TwimlError(12400, `A call may run at most ${MAX_DOCUMENTS} TwiML documents in the emulator`);
    if (this.idleDocuments > MAX_IDLE_DOCUMENTS) throw new TwimlError(12400, `Redirect loop: ${MAX_IDLE_DOCUMENTS} documents in a row did nothing audible`);
    if ('twiml' in source) return { document: parseTwiml(source.twiml), url: undefined };
    this.call.url = source.url;
    const response = await loopbackFetch(
      { url: source.url, method: source.method, params: { ...callParams(this.call, this.host.accountSid), ...source.params }, maxBytes: TWIML_LIMITS.maxDocumentBytes, accept: XML_TYPES, authToken: this.host.authToken },
      this.signal,
    );
    return { document: parseTwiml(response.body.toString('utf8'), response.url), url: response.url };
  }

  private async verb(verb: TwimlVerb, base: string | undefined): Promise<Next> {
    switch (verb.verb) {
      case 'Say':
        this.progressed = true;
        for (let i = 0; i < verb.loop; i++) await this.playFor(speechLikeTone(180, 7000), sayFrames(verb.text), { kind: 'say', detail: verb.text.slice(0, 80) });
        return 'continue';
      case 'Play': {
        this.progressed = true;
        const url = loopbackUrl(verb.url, base).href;
        const samples = await this.audio(url);
        for (let i = 0; i < verb.loop; i++) await this.playFor(clip(samples), Math.max(1, Math.ceil(samples.length / SAMPLES_PER_FRAME)), { kind: 'play', detail: url });
        return 'continue';
      }
      case 'Pause':
        this.progressed = true;
        await this.playFor(silence, framesFor(verb.length), { kind: 'pause', detail: `${verb.length}s` });
        return 'continue';
      case 'Hangup':
      case 'Reject':
        return 'stop';
      case 'Leave':
        // Only meaningful in an <Enqueue> waitUrl document, where waitLoop handles it.
        return 'continue';
      case 'Redirect':
        return { goto: { url: loopbackUrl(verb.url, base).href, method: verb.method } };
      case 'Enqueue':
        this.progressed = true;
        return this.enqueue(verb, base);
      case 'Dial':
        this.progressed = true;
        return runDial(this, verb, base);
    }
  }

  /** Plays audio for a number of frames; an abort (a redirect, a hangup) ends the program. */
  async playFor(source: AudioSource, frames: number, activity: VoiceCall['activity']): Promise<void> {
    await this.host.voice.play(this.call, source, frames, activity, this.signal);
    throwIfAborted(this.signal);
  }

  /** Fetches a WAV over loopback (the built-in assets live on the emulator's own origin), decoded to 8 kHz. */
  async audio(url: string): Promise<Int16Array> {
    const cached = this.audioCache.get(url);
    if (cached) return cached;
    const response = await loopbackFetch({ url, method: 'GET', params: {}, maxBytes: 8 * 1024 * 1024, accept: AUDIO_TYPES }, this.signal);
    const decoded = decodeWav(response.body);
    if (!decoded.ok) throw new TwimlError(12400, `<Play> cannot play ${url}: ${decoded.message}`, url);
    if (this.audioCache.size >= 8) this.audioCache.clear();
    this.audioCache.set(url, decoded.samples);
    return decoded.samples;
  }

  private async enqueue(verb: Extract<TwimlVerb, { verb: 'Enqueue' }>, base: string | undefined): Promise<Next> {
    let taskSid: string | undefined;
    if (verb.workflowSid) {
      const attributes = { ...(verb.task ? (JSON.parse(verb.task.attributes) as Record<string, unknown>) : {}), ...taskCallAttributes(this.call, this.host.accountSid) };
      const created = this.host.taskRouter.createTask({ workflowSid: verb.workflowSid, attributes, priority: verb.task?.priority ?? null, timeout: verb.task?.timeout ?? null });
      if (!created.ok) {
        this.host.voice.recordError(this.call, new TwimlError(14220, `<Enqueue> could not create the task: ${created.message}`, base));
        return this.afterQueue(verb, base, 'error', 0);
      }
      taskSid = created.taskSid;
    }
    const waitUrl = verb.waitUrl ? loopbackUrl(verb.waitUrl, base).href : undefined;
    const result = await waitInQueue(this, verb.name, taskSid, waitUrl ? { url: waitUrl, method: verb.waitUrlMethod } : undefined);
    return this.afterQueue(verb, base, result.result, result.seconds);
  }

  private afterQueue(verb: Extract<TwimlVerb, { verb: 'Enqueue' }>, base: string | undefined, result: string, seconds: number): Next {
    if (!verb.action) return 'continue';
    return { goto: { url: loopbackUrl(verb.action, base).href, method: verb.method, params: { QueueResult: result, QueueTime: String(seconds) } } };
  }
}

/**
 * Parks the call in a queue until someone bridges it (then waits for the
 * bridge to end), hearing hold music meanwhile, or the waitUrl's
 * <Play>/<Say>/<Pause> in a loop. Leaves the queue however the wait ends.
 */
export async function waitInQueue(run: TwimlRun, queueName: string, taskSid: string | undefined, wait?: { url: string; method: HttpMethod }): Promise<{ result: 'bridged' | 'queue-full' | 'leave'; seconds: number }> {
  const { voice } = run.host;
  const entry = voice.queues.enqueue(queueName, run.call, taskSid);
  if (!entry) return { result: 'queue-full', seconds: 0 };
  const started = Date.now();
  try {
    let bridged: Awaited<typeof entry.taken> | undefined;
    void entry.taken.then((b) => (bridged = b));
    const waiting = wait ? waitDocumentLoop(run, wait, queueName, () => bridged !== undefined) : voice.play(run.call, holdMusic(), null, { kind: 'queue', detail: queueName }, run.signal);
    const how = await abortable(Promise.race([entry.taken.then(() => 'taken' as const), waiting.then((w) => (w === 'leave' ? ('leave' as const) : ('released' as const)))]), run.signal);
    if (how === 'leave') return { result: 'leave', seconds: Math.round((Date.now() - started) / 1000) };
    const bridge = await abortable(entry.taken, run.signal);
    await abortable(bridge.ended, run.signal);
    return { result: 'bridged', seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    voice.queues.remove(entry);
  }
}

/** Plays a waitUrl document's <Play>/<Say>/<Pause> in a loop until the caller is taken; <Leave> leaves the queue. */
async function waitDocumentLoop(run: TwimlRun, wait: { url: string; method: HttpMethod }, queueName: string, taken: () => boolean): Promise<'leave' | 'released'> {
  let source: { url: string; method: HttpMethod } = wait;
  for (let round = 0; round < TWIML_LIMITS.maxLoop && !taken(); round++) {
    let document: TwimlDocument;
    try {
      document = (await run.load({ ...source, params: { QueueSid: queueName } })).document;
    } catch (error) {
      if (run.signal.aborted) throw error;
      // A broken wait document falls back to hold music rather than dropping the caller.
      run.host.voice.recordError(run.call, error);
      await run.host.voice.play(run.call, holdMusic(), null, { kind: 'queue', detail: queueName }, run.signal);
      return 'released';
    }
    for (const verb of document.verbs) {
      if (taken()) return 'released';
      if (verb.verb === 'Leave') return 'leave';
      if (verb.verb === 'Redirect') {
        source = { url: loopbackUrl(verb.url, source.url).href, method: verb.method };
        break;
      }
      const frames =
        verb.verb === 'Say' ? sayFrames(verb.text) * verb.loop : verb.verb === 'Pause' ? framesFor(verb.length) : verb.verb === 'Play' ? -1 : 0;
      if (verb.verb === 'Play') {
        const samples = await run.audio(loopbackUrl(verb.url, source.url).href);
        const how = await run.host.voice.play(run.call, clip(samples), Math.ceil(samples.length / SAMPLES_PER_FRAME) * verb.loop, { kind: 'queue', detail: queueName }, run.signal);
        if (how === 'released') return 'released';
      } else if (frames > 0) {
        const how = await run.host.voice.play(run.call, verb.verb === 'Say' ? speechLikeTone(180, 7000) : silence, frames, { kind: 'queue', detail: queueName }, run.signal);
        if (how === 'released') return 'released';
      }
    }
    // Nothing audible in the document: keep the caller on plain hold music instead of spinning.
    if (document.verbs.every((v) => v.verb !== 'Play' && v.verb !== 'Say' && v.verb !== 'Pause')) {
      await run.host.voice.play(run.call, holdMusic(), null, { kind: 'queue', detail: queueName }, run.signal);
      return 'released';
    }
  }
  return 'released';
}

/** Task attributes Twilio adds to a task created by <Enqueue workflowSid>. */
export function taskCallAttributes(call: VoiceCall, accountSid: string): Record<string, string> {
  return { call_sid: call.sid, account_sid: accountSid, from: call.from, to: call.to, caller: call.from, called: call.to, direction: call.direction };
}

/** A synthesized <Say>: about 60 ms per character, at least half a second, at most a minute. */
function sayFrames(text: string): number {
  return framesFor(Math.min(60, Math.max(0.5, text.length * 0.06)));
}

/** Plays a clip once, then silence. */
function clip(samples: Int16Array): AudioSource {
  let offset = 0;
  return () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    const part = samples.subarray(offset, offset + SAMPLES_PER_FRAME);
    frame.set(part);
    offset += SAMPLES_PER_FRAME;
    return frame;
  };
}
