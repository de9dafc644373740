import type { CallState } from '../../shared/call-state';
import type { CallReport, DeviceAction, Directory } from '../../shared/contract';
import { err, ok, type Result } from '../../shared/result';
import type { CallSupervisor } from './call-supervisor';

/** How long the directory (two list requests) is reused for naming transfer targets and dialed colleagues. */
const DIRECTORY_TTL_MS = 30_000;

type OnCall<T> = { callId: string } & T;

/**
 * The call requests of the contract (shared/contract.ts), over the session's
 * CallSupervisor. Inputs arrive parsed; errors are values. Without a session
 * (not configured yet) every request says so.
 */
export function createCallImplementations(calls: () => CallSupervisor | null, now: () => number) {
  const none = err('not_configured', 'Calls are not available until the desktop is connected.');
  let directoryCache: { at: number; value: Directory } | null = null;

  async function directory(fresh: boolean): Promise<Result<Directory>> {
    const supervisor = calls();
    if (!supervisor) return none;
    if (!fresh && directoryCache && now() - directoryCache.at < DIRECTORY_TTL_MS) return ok(directoryCache.value);
    const result = await supervisor.directory();
    if (result.ok) directoryCache = { at: now(), value: result.value };
    return result;
  }

  /** A colleague's or a queue's name, for the transfer's and the dialed party's label. */
  async function nameOf(kind: 'worker' | 'queue' | 'contact', key: string): Promise<string | null> {
    const found = await directory(false);
    if (!found.ok) return null;
    if (kind === 'queue') return found.value.queues.find((q) => q.sid === key)?.friendlyName ?? null;
    if (kind === 'worker') return found.value.workers.find((w) => w.sid === key)?.friendlyName ?? null;
    return found.value.workers.find((w) => w.contactUri === key)?.friendlyName ?? null;
  }

  const withCalls = <I, O>(run: (s: CallSupervisor, input: I) => Promise<Result<O>> | Result<O>) => async (input: I): Promise<Result<O>> => {
    const supervisor = calls();
    return supervisor ? run(supervisor, input) : none;
  };

  return {
    claimDevice: withCalls((s, i: { windowId: string }) => ok({ owner: s.owner.claim(i.windowId) })),
    releaseDevice: withCalls((s, i: { windowId: string }) => ok({ released: s.owner.release(i.windowId) })),
    reportCall: withCalls((s, i: { windowId: string; report: CallReport }) => s.report(i.windowId, i.report)),
    listCalls: async (): Promise<Result<CallState[]>> => ok(calls()?.book.list() ?? []),
    callAction: withCalls((s, i: OnCall<{ action: DeviceAction }>) => s.action(i.callId, i.action)),
    holdCall: withCalls((s, i: OnCall<{ hold: boolean }>) => s.hold(i.callId, i.hold)),
    addCallParticipant: withCalls(async (s, i: OnCall<{ to: string }>) => s.addParticipant(i.callId, i.to, (await nameOf('contact', i.to)) ?? undefined)),
    removeCallParticipant: withCalls((s, i: OnCall<{ callSid: string }>) => s.removeParticipant(i.callId, i.callSid)),
    startTransfer: withCalls(async (s, i: OnCall<{ target: { type: 'worker' | 'queue'; sid: string }; mode: 'cold' | 'warm' }>) => {
      const name = (await nameOf(i.target.type, i.target.sid)) ?? (i.target.type === 'queue' ? 'the queue' : 'your colleague');
      return s.startTransfer(i.callId, i.target, i.mode, name);
    }),
    completeTransfer: withCalls((s, i: OnCall<object>) => s.completeTransfer(i.callId)),
    cancelTransfer: withCalls((s, i: OnCall<object>) => s.cancelTransfer(i.callId)),
    listDirectory: () => directory(true),
    startOutboundCall: withCalls(async (s, i: { to: string }) => s.startOutbound(i.to, i.to.startsWith('client:') ? await nameOf('contact', i.to) : null)),
  };
}
