import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../domain/engine';
import { sendError } from '../http/twilio-error';
import type { VoiceCallNetwork } from './call-network';
import type { TwimlApps } from './outgoing-calls';
import type { TaskRouterVoiceBridge } from './task-router-voice-bridge';
import { loopbackUrl } from './twiml/loopback-fetch';
import { parseTwiml } from './twiml/parse-twiml';
import type { TwimlHost } from './twiml/twiml-host';
import { runTwiml } from './twiml/twiml-runner';
import type { VoiceEmulator } from './voice-emulator';

const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, { message: 'must be an E.164 number such as +15551234567' });

const inboundCallSchema = z
  .object({
    from: e164,
    to: e164.optional(),
    callerName: z.string().min(1).max(128).optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    workflowSid: z.string().regex(/^WW[0-9a-fA-F]{32}$/).optional(),
    /** The number's voice URL (loopback): the call runs this TwiML instead of waiting for a task. */
    url: z.string().min(1).max(2048).optional(),
    method: z.enum(['GET', 'POST']).optional(),
    /** Inline TwiML instead of a URL. */
    twiml: z.string().min(1).max(64 * 1024).optional(),
  })
  .strict()
  .refine((b) => !(b.url && b.twiml), { message: 'give url or twiml, not both' })
  .refine((b) => !((b.url || b.twiml) && (b.attributes || b.workflowSid || b.callerName)), { message: 'attributes, workflowSid and callerName make a task; with url or twiml the TwiML decides (use <Enqueue workflowSid>)' });

const twimlAppSchema = z.object({ voiceUrl: z.string().min(1).max(2048), voiceMethod: z.enum(['GET', 'POST']).optional() }).strict();

const callSidParam = z.object({ sid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, { message: 'must be a Call SID (CA + 32 hex)' }) });

/** The number callers dial when the request names none. */
const DEFAULT_CONTACT_CENTER_NUMBER = '+15005550006';

export interface VoiceAdminDeps {
  engine: Engine;
  voice: VoiceEmulator;
  network: VoiceCallNetwork;
  bridge: TaskRouterVoiceBridge;
  host: TwimlHost;
  apps: TwimlApps;
  workflowSid: string;
}

const badRequest = (reply: FastifyReply, message: string) => sendError(reply, { status: 400, code: 20001, message });

/**
 * Admin endpoints of the voice emulator (JSON):
 *  - `POST /emulator/inbound-call` → 201 `{callSid, taskSid}`: a caller's call
 *    (played by the emulator) waiting in the workflow's queue, and its voice
 *    task; or, with `url`/`twiml`, a caller's call running that TwiML
 *    (`taskSid` null: an `<Enqueue workflowSid>` in it makes the task).
 *  - `GET /emulator/calls/:sid` → the call's state, activity and media figures.
 *  - `POST /emulator/calls/:sid/hangup` `{}` → the far end hangs up.
 *  - `GET /emulator/queues` → the callers waiting in each queue.
 *  - `GET|POST /emulator/twiml-apps` → TwiML apps for outgoing Device calls.
 */
export function registerVoiceAdminRoutes(app: FastifyInstance, deps: VoiceAdminDeps): void {
  const { engine, voice, network, bridge, host, apps } = deps;

  app.post('/emulator/inbound-call', async (request, reply) => {
    const parsed = inboundCallSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return badRequest(reply, `Invalid ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    const body = parsed.data;
    const to = body.to ?? DEFAULT_CONTACT_CENTER_NUMBER;
    if (body.url || body.twiml) {
      try {
        if (body.url) loopbackUrl(body.url);
        if (body.twiml) parseTwiml(body.twiml);
      } catch (error) {
        return badRequest(reply, error instanceof Error ? error.message : String(error));
      }
      const call = voice.startCallerCall({ from: body.from, to });
      network.mirrorCall(call);
      runTwiml(host, call, body.twiml ? { twiml: body.twiml } : { url: body.url!, method: body.method ?? 'POST' });
      return reply.code(201).send({ callSid: call.sid, taskSid: null });
    }
    const call = voice.startCallerCall({ from: body.from, to });
    network.mirrorCall(call);
    const workflowSid = body.workflowSid ?? deps.workflowSid;
    // The caller waits in the workflow's queue (hold music) before its task exists, as after <Enqueue workflowSid>.
    bridge.waitForAgent(call, workflowSid);
    const attributes = {
      type: 'inbound',
      direction: 'inbound',
      ...(body.callerName ? { name: body.callerName, caller_name: body.callerName } : {}),
      ...body.attributes,
      call_sid: call.sid,
      from: body.from,
      to,
    };
    const task = engine.createTask({ Attributes: JSON.stringify(attributes), WorkflowSid: workflowSid, TaskChannel: 'voice' });
    if (!task.ok) {
      voice.hangup(call.sid, 'failed');
      return sendError(reply, task.error);
    }
    const entry = voice.queues.entryOf(call.sid);
    if (entry) entry.taskSid = task.value.sid;
    return reply.code(201).send({ callSid: call.sid, taskSid: task.value.sid });
  });

  app.get('/emulator/calls/:sid', async (request, reply) => {
    const params = callSidParam.safeParse(request.params);
    if (!params.success) return badRequest(reply, `Invalid call SID: ${params.error.issues[0]?.message ?? 'invalid'}`);
    const view = voice.viewCall(params.data.sid);
    if (!view) return sendError(reply, { status: 404, code: 20404, message: `Call ${params.data.sid} was not placed by the voice emulator` });
    return view;
  });

  app.post('/emulator/calls/:sid/hangup', async (request, reply) => {
    const params = callSidParam.safeParse(request.params);
    if (!params.success) return badRequest(reply, `Invalid call SID: ${params.error.issues[0]?.message ?? 'invalid'}`);
    const call = voice.hangup(params.data.sid);
    if (!call) return sendError(reply, { status: 404, code: 20404, message: `Call ${params.data.sid} was not placed by the voice emulator` });
    return voice.viewCall(call.sid);
  });

  app.get('/emulator/queues', async () => ({ queues: voice.queues.view() }));

  app.get('/emulator/twiml-apps', async () => ({ apps: apps.list() }));

  app.post('/emulator/twiml-apps', async (request, reply) => {
    const parsed = twimlAppSchema.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, `Invalid ${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    try {
      return reply.code(201).send(apps.register(parsed.data.voiceUrl, parsed.data.voiceMethod ?? 'POST'));
    } catch (error) {
      return badRequest(reply, error instanceof Error ? error.message : String(error));
    }
  });
}
