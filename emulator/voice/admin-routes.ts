import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../domain/engine';
import { sendError } from '../http/twilio-error';
import type { CallStoreMirror } from './call-store-mirror';
import type { VoiceEmulator } from './voice-emulator';

const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, { message: 'must be an E.164 number such as +15551234567' });

const inboundCallSchema = z
  .object({
    from: e164,
    to: e164.optional(),
    callerName: z.string().min(1).max(128).optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    workflowSid: z.string().regex(/^WW[0-9a-fA-F]{32}$/).optional(),
  })
  .strict();

const callSidParam = z.object({ sid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, { message: 'must be a Call SID (CA + 32 hex)' }) });

/** The number callers dial when the request names none. */
const DEFAULT_CONTACT_CENTER_NUMBER = '+15005550006';

export interface VoiceAdminDeps {
  engine: Engine;
  voice: VoiceEmulator;
  mirror: CallStoreMirror;
  workflowSid: string;
}

/**
 * Admin endpoints of the voice emulator:
 *  - `POST /emulator/inbound-call` `{from, to?, callerName?, attributes?}` → 201 `{callSid, taskSid}`:
 *    a caller's call (played by the emulator) and its voice task.
 *  - `GET /emulator/calls/:sid` → the call's state and media figures.
 *  - `POST /emulator/calls/:sid/hangup` `{}` → the far end hangs up.
 */
export function registerVoiceAdminRoutes(app: FastifyInstance, deps: VoiceAdminDeps): void {
  const { engine, voice, mirror } = deps;
  /** Caller call SID → its task, to cancel the task if the caller gives up while queued. */
  const taskOfCaller = new Map<string, string>();

  voice.onCallEnded((call) => {
    const taskSid = taskOfCaller.get(call.sid);
    if (!taskSid) return;
    taskOfCaller.delete(call.sid);
    const task = engine.getTask(taskSid);
    // Ringing reservations are handled by the bridge (the engine cancels the task); a queued task is canceled here.
    if (task?.assignmentStatus === 'pending') engine.updateTask(taskSid, { AssignmentStatus: 'canceled', Reason: 'The caller hung up' });
  });

  app.post('/emulator/inbound-call', async (request, reply) => {
    const parsed = inboundCallSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(reply, { status: 400, code: 20001, message: `Invalid ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
    }
    const body = parsed.data;
    const to = body.to ?? DEFAULT_CONTACT_CENTER_NUMBER;
    const call = voice.startCallerCall({ from: body.from, to });
    mirror.mirrorCall(call);
    const attributes = {
      type: 'inbound',
      direction: 'inbound',
      ...(body.callerName ? { name: body.callerName, caller_name: body.callerName } : {}),
      ...body.attributes,
      call_sid: call.sid,
      from: body.from,
      to,
    };
    const task = engine.createTask({ Attributes: JSON.stringify(attributes), WorkflowSid: body.workflowSid ?? deps.workflowSid, TaskChannel: 'voice' });
    if (!task.ok) {
      voice.hangup(call.sid, 'failed');
      return sendError(reply, task.error);
    }
    taskOfCaller.set(call.sid, task.value.sid);
    return reply.code(201).send({ callSid: call.sid, taskSid: task.value.sid });
  });

  app.get('/emulator/calls/:sid', async (request, reply) => {
    const params = callSidParam.safeParse(request.params);
    if (!params.success) return sendError(reply, { status: 400, code: 20001, message: `Invalid call SID: ${params.error.issues[0]?.message ?? 'invalid'}` });
    const view = voice.viewCall(params.data.sid);
    if (!view) return sendError(reply, { status: 404, code: 20404, message: `Call ${params.data.sid} was not placed by the voice emulator` });
    return view;
  });

  app.post('/emulator/calls/:sid/hangup', async (request, reply) => {
    const params = callSidParam.safeParse(request.params);
    if (!params.success) return sendError(reply, { status: 400, code: 20001, message: `Invalid call SID: ${params.error.issues[0]?.message ?? 'invalid'}` });
    const call = voice.hangup(params.data.sid);
    if (!call) return sendError(reply, { status: 404, code: 20404, message: `Call ${params.data.sid} was not placed by the voice emulator` });
    return voice.viewCall(call.sid);
  });
}
