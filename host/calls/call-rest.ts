import twilioFactory from 'twilio';
import type twilio from 'twilio';
import type { Directory } from '../../shared/contract';
import { parseJsonObject } from '../twilio/json';
import { HostRequestClient } from '../twilio/request-client';
import type { RestCredentials } from '../twilio/rest-api';

/** A conference participant as the Participants API lists it. */
export interface RestParticipant {
  callSid: string;
  label: string | null;
  /** queued, connecting, ringing, connected, complete, failed. */
  status: string;
  hold: boolean;
  muted: boolean;
}

export interface NewTask {
  attributes: Record<string, unknown>;
  taskChannel: string;
  /** A worker SID: TaskRouter reserves the task for that worker alone (an outbound task). */
  routingTarget?: string;
  /** Routes through this workflow's filters (a transfer). */
  workflowSid?: string;
}

/**
 * Everything the call features do over REST with the session's credentials:
 * API 2010 (conferences, participants, calls) and the TaskRouter task and
 * directory reads that transfers and outbound calls need. One request per
 * method, so the cost of a call is easy to count (host/README.md).
 */
export class CallRest {
  private readonly workspace: ReturnType<twilio.Twilio['taskrouter']['v1']['workspaces']>;

  constructor(
    private readonly client: twilio.Twilio,
    readonly workspaceSid: string,
    readonly workerSid: string,
  ) {
    this.workspace = client.taskrouter.v1.workspaces(workspaceSid);
  }

  /** The in-progress conference named after a task (TaskRouter's Conference instruction names it so), or null. */
  async conferenceNamed(friendlyName: string): Promise<string | null> {
    const list = await this.client.conferences.list({ friendlyName, status: 'in-progress', limit: 5 });
    return list[0]?.sid ?? null;
  }

  async participants(conferenceSid: string): Promise<RestParticipant[]> {
    const list = await this.client.conferences(conferenceSid).participants.list({ limit: 50 });
    return list.map((p) => ({ callSid: p.callSid, label: p.label ?? null, status: String(p.status ?? 'connected'), hold: Boolean(p.hold), muted: Boolean(p.muted) }));
  }

  async addParticipant(conferenceSid: string, input: { from: string; to: string; label: string; endConferenceOnExit?: boolean }): Promise<string> {
    const created = await this.client.conferences(conferenceSid).participants.create({
      from: input.from,
      to: input.to,
      label: input.label,
      earlyMedia: true,
      ...(input.endConferenceOnExit !== undefined ? { endConferenceOnExit: input.endConferenceOnExit } : {}),
    });
    return created.callSid;
  }

  async updateParticipant(conferenceSid: string, callSid: string, change: { hold?: boolean; muted?: boolean }): Promise<RestParticipant> {
    const p = await this.client.conferences(conferenceSid).participants(callSid).update(change);
    return { callSid: p.callSid, label: p.label ?? null, status: String(p.status ?? 'connected'), hold: Boolean(p.hold), muted: Boolean(p.muted) };
  }

  async removeParticipant(conferenceSid: string, callSid: string): Promise<void> {
    await this.client.conferences(conferenceSid).participants(callSid).remove();
  }

  async endConference(conferenceSid: string): Promise<void> {
    await this.client.conferences(conferenceSid).update({ status: 'completed' });
  }

  /** A call's status (queued, ringing, in-progress, completed, busy, failed, no-answer, canceled). */
  async callStatus(callSid: string): Promise<string> {
    return String((await this.client.calls(callSid).fetch()).status);
  }

  async hangUpCall(callSid: string): Promise<void> {
    await this.client.calls(callSid).update({ status: 'completed' });
  }

  async createTask(task: NewTask): Promise<{ sid: string }> {
    const created = await this.workspace.tasks.create({
      attributes: JSON.stringify(task.attributes),
      taskChannel: task.taskChannel,
      ...(task.routingTarget ? { routingTarget: task.routingTarget } : {}),
      ...(task.workflowSid ? { workflowSid: task.workflowSid } : {}),
    });
    return { sid: created.sid };
  }

  /** The task's assignment status, its workflow and its attributes. */
  async fetchTask(taskSid: string): Promise<{ status: string; workflowSid: string | null; attributes: Record<string, unknown> }> {
    const task = await this.workspace.tasks(taskSid).fetch();
    return { status: task.assignmentStatus, workflowSid: task.workflowSid ?? null, attributes: parseJsonObject(task.attributes) };
  }

  /** Cancels a task still waiting or reserved; one already assigned is completed instead (TaskRouter allows nothing else). */
  async endTask(taskSid: string, reason: string): Promise<void> {
    const { status } = await this.fetchTask(taskSid);
    if (status === 'pending' || status === 'reserved') await this.workspace.tasks(taskSid).update({ assignmentStatus: 'canceled', reason });
    else if (status === 'assigned' || status === 'wrapping') await this.workspace.tasks(taskSid).update({ assignmentStatus: 'completed', reason });
  }

  async updateTaskAttributes(taskSid: string, patch: Record<string, unknown>): Promise<void> {
    const { attributes } = await this.fetchTask(taskSid);
    await this.workspace.tasks(taskSid).update({ attributes: JSON.stringify({ ...attributes, ...patch }) });
  }

  /** Workers with their activity, and queues: two list requests. */
  async directory(): Promise<Directory> {
    const [workers, queues] = await Promise.all([this.workspace.workers.list({ pageSize: 1000, limit: 1000 }), this.workspace.taskQueues.list({ pageSize: 1000, limit: 1000 })]);
    return {
      workers: workers.map((w) => {
        const contact = parseJsonObject(w.attributes).contact_uri;
        return { sid: w.sid, friendlyName: w.friendlyName, activityName: w.activityName, available: w.available, contactUri: typeof contact === 'string' ? contact : null };
      }),
      queues: queues.map((q) => ({ sid: q.sid, friendlyName: q.friendlyName })),
    };
  }

  /** The Voice URL of a TwiML App (what transfers' CallUrl points at on a real account). */
  async applicationVoiceUrl(applicationSid: string): Promise<string | null> {
    const app = await this.client.applications(applicationSid).fetch();
    return app.voiceUrl || null;
  }
}

/** A CallRest over the official client, pointed at an emulator when `baseUrl` is set. */
export function createCallRest(rest: RestCredentials, now: () => number): CallRest {
  const httpClient = new HostRequestClient({ ...(rest.baseUrl ? { baseUrl: rest.baseUrl } : {}), now });
  const client = rest.apiKeySid
    ? twilioFactory(rest.apiKeySid, rest.secret, { accountSid: rest.accountSid, httpClient })
    : twilioFactory(rest.accountSid, rest.secret, { httpClient });
  return new CallRest(client, rest.workspaceSid, rest.workerSid);
}
