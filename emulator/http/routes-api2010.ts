import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../domain/engine';
import { formBool, formEnum, formInt, formMethod, formSid, formString, formUrl, parseParams } from '../domain/params';
import { isSid } from './sid-check';
import { callJson, conferenceJson, participantJson } from './api2010-json';
import { api2010Page, parsePaging } from './paging';
import { answer, bodyParams, queryParams, type RouteAnswer } from './respond';
import { badRequestError, notFoundError } from './twilio-error';

/**
 * API 2010 for calls and conferences: simulated records the voice seam
 * creates (and VOICE later makes real). Paths take an optional `.json`.
 */

type Params = Record<string, string>;

const loose = (names: string[]) => Object.fromEntries(names.map((n) => [n, z.unknown().optional()]));

const CALL_CREATE_EXTRA = ['FallbackUrl', 'FallbackMethod', 'StatusCallback', 'StatusCallbackEvent', 'StatusCallbackMethod', 'SendDigits', 'Record', 'RecordingChannels', 'RecordingStatusCallback', 'RecordingStatusCallbackMethod', 'SipAuthUsername', 'SipAuthPassword', 'MachineDetection', 'MachineDetectionTimeout', 'RecordingStatusCallbackEvent', 'Trim', 'CallerId', 'MachineDetectionSpeechThreshold', 'MachineDetectionSpeechEndThreshold', 'MachineDetectionSilenceTimeout', 'AsyncAmd', 'AsyncAmdStatusCallback', 'AsyncAmdStatusCallbackMethod', 'Byoc', 'CallReason', 'CallToken', 'RecordingTrack', 'TimeLimit', 'ClientNotificationUrl', 'ApplicationSid', 'Method'];
const PARTICIPANT_CREATE_EXTRA = ['StatusCallback', 'StatusCallbackMethod', 'StatusCallbackEvent', 'Timeout', 'Record', 'Beep', 'WaitUrl', 'WaitMethod', 'EarlyMedia', 'MaxParticipants', 'ConferenceRecord', 'ConferenceTrim', 'ConferenceStatusCallback', 'ConferenceStatusCallbackMethod', 'ConferenceStatusCallbackEvent', 'RecordingChannels', 'RecordingStatusCallback', 'RecordingStatusCallbackMethod', 'SipAuthUsername', 'SipAuthPassword', 'Region', 'ConferenceRecordingStatusCallback', 'ConferenceRecordingStatusCallbackMethod', 'RecordingStatusCallbackEvent', 'ConferenceRecordingStatusCallbackEvent', 'JitterBufferSize', 'Byoc', 'CallerId', 'CallReason', 'RecordingTrack', 'TimeLimit', 'MachineDetection', 'MachineDetectionTimeout', 'MachineDetectionSpeechThreshold', 'MachineDetectionSpeechEndThreshold', 'MachineDetectionSilenceTimeout', 'AmdStatusCallback', 'AmdStatusCallbackMethod', 'Trim', 'CallToken', 'ClientNotificationUrl', 'CallerDisplayName'];

const callCreateSchema = z.object({ To: formString(256), From: formString(256), Url: formUrl.optional(), Twiml: formString(4000).optional(), Timeout: formInt(1, 600).optional(), ...loose(CALL_CREATE_EXTRA) });
const callUpdateSchema = z.object({ Url: formUrl.optional(), Method: formMethod.optional(), Status: formEnum(['canceled', 'completed'] as const).optional(), FallbackUrl: formUrl.optional(), FallbackMethod: formMethod.optional(), StatusCallback: formUrl.optional(), StatusCallbackMethod: formMethod.optional(), Twiml: formString(4000).optional(), TimeLimit: formInt(1, 86_400).optional() });
const participantCreateSchema = z.object({ From: formString(256), To: formString(256), Label: formString(128).optional(), Muted: formBool.optional(), StartConferenceOnEnter: formBool.optional(), EndConferenceOnExit: formBool.optional(), Coaching: formBool.optional(), CallSidToCoach: formSid('CA').optional(), ...loose(PARTICIPANT_CREATE_EXTRA) });
const participantUpdateSchema = z.object({
  Muted: formBool.optional(),
  Hold: formBool.optional(),
  HoldUrl: formUrl.optional(),
  HoldMethod: formMethod.optional(),
  AnnounceUrl: formUrl.optional(),
  AnnounceMethod: formMethod.optional(),
  WaitUrl: formUrl.optional(),
  WaitMethod: formMethod.optional(),
  BeepOnExit: formBool.optional(),
  EndConferenceOnExit: formBool.optional(),
  Coaching: formBool.optional(),
  CallSidToCoach: formSid('CA').optional(),
});
const conferenceUpdateSchema = z.object({ Status: formEnum(['completed'] as const).optional(), AnnounceUrl: formUrl.optional(), AnnounceMethod: formMethod.optional() });

/** StatusCallbackEvent arrives as repeated keys (an array) or one space-separated string. */
function events(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return list.filter((e): e is string => typeof e === 'string' && e.length > 0 && e.length < 40).slice(0, 10);
}

export function registerApi2010Routes(app: FastifyInstance, engine: Engine): void {
  const store = engine.calls;
  const account = engine.accountSid;

  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, handler: (request: FastifyRequest, p: Params) => RouteAnswer): void => {
    // Twilio's paths end in .json; twilio-node always sends it. Accept both forms.
    for (const path of [url, `${url}.json`]) {
      app.route({
        method,
        url: path,
        handler: async (request, reply) => {
          const p = request.params as Params;
          const checks: [string | undefined, 'AC' | 'CA' | 'CF'][] = [[p['ac'], 'AC'], [p['ca'], 'CA'], [p['cf'], 'CF']];
          for (const [value, prefix] of checks) if (value !== undefined && !isSid(prefix, value)) return answer(reply, { error: badRequestError(`Invalid ${prefix} SID in path: ${String(value).slice(0, 64)}`) });
          if (p['ac'] !== account) return answer(reply, { error: notFoundError(request.url.split('?')[0] ?? '') });
          return answer(reply, handler(request, p));
        },
      });
    }
  };
  const missing = (request: FastifyRequest): RouteAnswer => ({ error: notFoundError(request.url.split('?')[0] ?? '') });
  const list = <T>(request: FastifyRequest, items: T[], key: string): RouteAnswer => {
    const query = queryParams(request);
    const paging = parsePaging(query);
    if (!paging.ok) return { error: paging.error };
    const path = request.url.split('?')[0] ?? '';
    return { status: 200, body: api2010Page(items, key, path.endsWith('.json') ? path : `${path}.json`, query, paging.value) };
  };
  const now = () => engine.now();
  const base = '/2010-04-01/Accounts/:ac';

  // Calls
  route('GET', `${base}/Calls`, (request) => {
    const q = queryParams(request);
    const items = [...store.calls.values()].filter((c) => (!q['Status'] || c.status === q['Status']) && (!q['To'] || c.to === q['To']) && (!q['From'] || c.from === q['From']));
    return list(request, items.map((c) => callJson(account, c, now())), 'calls');
  });
  route('POST', `${base}/Calls`, (request) => {
    const parsed = parseParams(callCreateSchema, bodyParams(request));
    if (!parsed.ok) return { error: parsed.error };
    const p = parsed.value;
    if (!p.Url && !p.Twiml && !(p as Record<string, unknown>)['ApplicationSid']) return { error: badRequestError('Missing required parameter Url, Twiml or ApplicationSid') };
    if (store.network) {
      const x = p as Record<string, unknown>;
      if (!p.Url && !p.Twiml) return { error: badRequestError('The emulator places calls with Url or Twiml; ApplicationSid is not supported') };
      const placed = store.network.placeCall({
        from: p.From,
        to: p.To,
        url: p.Url ?? null,
        method: x['Method'] === 'GET' ? 'GET' : 'POST',
        twiml: p.Twiml ?? null,
        timeoutSec: p.Timeout ?? 60,
        statusCallback: typeof x['StatusCallback'] === 'string' ? x['StatusCallback'] : null,
        statusCallbackMethod: x['StatusCallbackMethod'] === 'GET' ? 'GET' : 'POST',
        statusCallbackEvent: events(x['StatusCallbackEvent']),
      });
      return placed.ok ? { status: 201, body: callJson(account, placed.value, now()) } : { error: placed.error };
    }
    const call = store.createCall({ from: p.From, to: p.To, direction: 'outbound-api', status: 'queued', url: p.Url ?? null });
    return { status: 201, body: callJson(account, call, now()) };
  });
  route('GET', `${base}/Calls/:ca`, (request, p) => {
    const call = store.calls.get(p['ca']!);
    return call ? { status: 200, body: callJson(account, call, now()) } : missing(request);
  });
  route('POST', `${base}/Calls/:ca`, (request, p) => {
    const call = store.calls.get(p['ca']!);
    if (!call) return missing(request);
    const parsed = parseParams(callUpdateSchema, bodyParams(request));
    if (!parsed.ok) return { error: parsed.error };
    const u = parsed.value;
    if (u.Status) {
      if (u.Status === 'canceled' && call.status !== 'queued' && call.status !== 'ringing') return { error: badRequestError(`Call ${call.sid} is ${call.status} and cannot be canceled; use Status=completed`) };
      store.endCall(call.sid);
    } else if (call.status !== 'in-progress' && call.status !== 'queued' && call.status !== 'ringing') {
      return { error: { status: 400, code: 21220, message: `Call ${call.sid} is not in-progress. Cannot redirect.` } };
    } else if (u.Url || u.Twiml) {
      // A live call runs the new TwiML at once (leaving any queue or conference it was in).
      const redirected = store.redirect(call.sid, { ...(u.Url ? { url: u.Url } : {}), ...(u.Method ? { method: u.Method === 'GET' ? 'GET' : 'POST' } : {}), ...(u.Twiml ? { twiml: u.Twiml } : {}) });
      if (redirected && !redirected.ok) return { error: redirected.error };
    }
    call.dateUpdated = now();
    return { status: 200, body: callJson(account, call, now()) };
  });
  route('DELETE', `${base}/Calls/:ca`, (request, p) => {
    if (!store.calls.has(p['ca']!)) return missing(request);
    store.endCall(p['ca']!);
    store.calls.delete(p['ca']!);
    return { status: 204 };
  });

  // Conferences
  route('GET', `${base}/Conferences`, (request) => {
    const q = queryParams(request);
    const items = [...store.conferences.values()].filter((c) => (!q['Status'] || c.status === q['Status']) && (!q['FriendlyName'] || c.friendlyName === q['FriendlyName']));
    return list(request, items.map((c) => conferenceJson(account, c)), 'conferences');
  });
  route('GET', `${base}/Conferences/:cf`, (request, p) => {
    const c = store.conferences.get(p['cf']!);
    return c ? { status: 200, body: conferenceJson(account, c) } : missing(request);
  });
  route('POST', `${base}/Conferences/:cf`, (request, p) => {
    const c = store.conferences.get(p['cf']!);
    if (!c) return missing(request);
    const parsed = parseParams(conferenceUpdateSchema, bodyParams(request));
    if (!parsed.ok) return { error: parsed.error };
    if (parsed.value.Status === 'completed' && !store.network?.endConference(c.sid)) store.endConference(c.sid);
    return { status: 200, body: conferenceJson(account, c) };
  });

  // Participants
  route('GET', `${base}/Conferences/:cf/Participants`, (request, p) => {
    if (!store.conferences.has(p['cf']!)) return missing(request);
    const q = queryParams(request);
    const boolQ = (v: unknown) => (v === undefined ? undefined : v === 'true');
    const items = [...(store.participants.get(p['cf']!)?.values() ?? [])].filter((x) => (boolQ(q['Muted']) === undefined || x.muted === boolQ(q['Muted'])) && (boolQ(q['Hold']) === undefined || x.hold === boolQ(q['Hold'])) && (boolQ(q['Coaching']) === undefined || x.coaching === boolQ(q['Coaching'])) && (!q['Label'] || x.label === q['Label']));
    return list(request, items.map((x) => participantJson(account, x)), 'participants');
  });
  route('POST', `${base}/Conferences/:cf/Participants`, (request, p) => {
    const conference = store.conferences.get(p['cf']!);
    if (!conference) return missing(request);
    if (conference.status === 'completed') return { error: badRequestError(`Conference ${conference.sid} has ended`) };
    const parsed = parseParams(participantCreateSchema, bodyParams(request));
    if (!parsed.ok) return { error: parsed.error };
    const v = parsed.value;
    if (store.network) {
      const x = v as Record<string, unknown>;
      const added = store.network.addParticipant(conference.sid, {
        from: v.From,
        to: v.To,
        label: v.Label ?? null,
        muted: v.Muted ?? false,
        startConferenceOnEnter: v.StartConferenceOnEnter ?? true,
        endConferenceOnExit: v.EndConferenceOnExit ?? false,
        timeoutSec: typeof x['Timeout'] === 'string' && /^\d{1,3}$/.test(x['Timeout']) ? Math.max(5, Math.min(600, Number(x['Timeout']))) : 60,
        statusCallback: typeof x['StatusCallback'] === 'string' ? x['StatusCallback'] : null,
        statusCallbackMethod: x['StatusCallbackMethod'] === 'GET' ? 'GET' : 'POST',
        statusCallbackEvent: events(x['StatusCallbackEvent']),
        conferenceStatusCallback: typeof x['ConferenceStatusCallback'] === 'string' ? x['ConferenceStatusCallback'] : null,
        conferenceStatusCallbackMethod: x['ConferenceStatusCallbackMethod'] === 'GET' ? 'GET' : 'POST',
        conferenceStatusCallbackEvent: events(x['ConferenceStatusCallbackEvent']),
      });
      return added.ok ? { status: 201, body: participantJson(account, added.value) } : { error: added.error };
    }
    const call = store.createCall({ from: v.From, to: v.To, direction: 'outbound-api' });
    const participant = store.addParticipant(conference.sid, call.sid, {
      label: v.Label ?? null,
      muted: v.Muted ?? false,
      coaching: v.Coaching ?? false,
      callSidToCoach: v.CallSidToCoach ?? null,
      startConferenceOnEnter: v.StartConferenceOnEnter ?? true,
      endConferenceOnExit: v.EndConferenceOnExit ?? false,
    });
    return { status: 201, body: participantJson(account, participant) };
  });
  route('GET', `${base}/Conferences/:cf/Participants/:ca`, (request, p) => {
    const x = store.participants.get(p['cf']!)?.get(p['ca']!);
    return x ? { status: 200, body: participantJson(account, x) } : missing(request);
  });
  route('POST', `${base}/Conferences/:cf/Participants/:ca`, (request, p) => {
    const x = store.participants.get(p['cf']!)?.get(p['ca']!);
    if (!x) return missing(request);
    const parsed = parseParams(participantUpdateSchema, bodyParams(request));
    if (!parsed.ok) return { error: parsed.error };
    const u = parsed.value;
    const live = store.network?.updateParticipant(p['cf']!, x.callSid, {
      ...(u.Muted !== undefined ? { muted: u.Muted } : {}),
      ...(u.Hold !== undefined ? { hold: u.Hold } : {}),
      ...(u.HoldUrl ? { holdUrl: u.HoldUrl } : {}),
      ...(u.HoldMethod ? { holdMethod: u.HoldMethod === 'POST' ? 'POST' : 'GET' } : {}),
      ...(u.EndConferenceOnExit !== undefined ? { endConferenceOnExit: u.EndConferenceOnExit } : {}),
    });
    if (live && !live.ok) return { error: live.error };
    if (live) {
      if (u.Coaching !== undefined) x.coaching = u.Coaching;
      if (u.CallSidToCoach !== undefined) x.callSidToCoach = u.CallSidToCoach;
      return { status: 200, body: participantJson(account, x) };
    }
    if (u.Muted !== undefined) x.muted = u.Muted;
    if (u.Hold !== undefined) x.hold = u.Hold;
    if (u.EndConferenceOnExit !== undefined) x.endConferenceOnExit = u.EndConferenceOnExit;
    if (u.Coaching !== undefined) x.coaching = u.Coaching;
    if (u.CallSidToCoach !== undefined) x.callSidToCoach = u.CallSidToCoach;
    x.dateUpdated = now();
    return { status: 200, body: participantJson(account, x) };
  });
  route('DELETE', `${base}/Conferences/:cf/Participants/:ca`, (request, p) => {
    const x = store.participants.get(p['cf']!)?.get(p['ca']!);
    if (!x) return missing(request);
    // A live participant is kicked (its call goes on with its TwiML, or hangs up); a simulated one is hung up.
    if (!store.network?.removeParticipant(p['cf']!, x.callSid)) store.endCall(x.callSid);
    store.participants.get(p['cf']!)?.delete(x.callSid);
    return { status: 204 };
  });
}
