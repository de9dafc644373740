import { describe, expect, it } from 'vitest';
import { useTestEmulator, waitFor, workspaceOf } from '../test-support/index';

// Demo traffic's callers are real calls: the SID in the task's `call_sid` is
// the caller's live call, so the host finds the caller in the conference
// (hold works on demo calls). Before the fix, answering a demo call created a
// second customer call whose SID differed from `call_sid`.

const env = useTestEmulator({ workers: 2, traffic: 'demo' }, { onlyAvailable: [0] });

interface CallView {
  status: string;
  hold: boolean;
  activity: { kind: string; detail: string | null };
  media: { audioLevel: number };
}
const view = async (sid: string) => (await (await fetch(`${env.ready.url}/emulator/calls/${sid}`)).json()) as CallView;

describe('demo traffic callers', () => {
  it('the task call_sid is the live caller who waits in the queue, joins the conference, and can be held with hold music', async () => {
    await env.advance(1_000);
    const task = await waitFor(async () => (await workspaceOf(env).tasks.list({ assignmentStatus: ['reserved'] }))[0], { description: 'the first demo call is offered' });
    const callSid = JSON.parse(task.attributes).call_sid as string;
    expect((await view(callSid)).activity).toEqual({ kind: 'queue', detail: env.ready.workflowSid });

    const [reservation] = await workspaceOf(env).tasks(task.sid).reservations.list({ reservationStatus: 'pending' });
    await workspaceOf(env).tasks(task.sid).reservations(reservation!.sid).update({ instruction: 'conference' });
    await waitFor(async () => (await workspaceOf(env).tasks(task.sid).reservations(reservation!.sid).fetch()).reservationStatus === 'accepted');

    const [conference] = await env.client.conferences.list({ friendlyName: task.sid, status: 'in-progress' });
    const participants = await env.client.conferences(conference!.sid).participants.list();
    expect(participants.find((p) => p.label === 'customer')?.callSid).toBe(callSid);
    expect((await env.client.calls.list({ status: 'in-progress' })).filter((c) => c.direction === 'inbound').map((c) => c.sid)).toEqual([callSid]);

    await env.client.conferences(conference!.sid).participants(callSid).update({ hold: true });
    expect((await view(callSid)).hold).toBe(true);
    await waitFor(async () => (await view(callSid)).media.audioLevel > 0.05, { description: 'the held demo caller hears hold music' });
  });
});
