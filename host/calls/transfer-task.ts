/**
 * The transfer task's attributes: what docs/transfers-workflow.md tells a
 * customer's workflow to route on (`transfer_target_type`,
 * `transfer_target_sid`) and what the target's desktop needs to join the
 * call (`conference_sid`, `original_task_sid`), plus the caller's own fields
 * so the target sees who is calling.
 */
export const TRANSFER_KEYS = ['transfer_target_type', 'transfer_target_sid', 'transfer_mode', 'conference_sid', 'original_task_sid', 'transferred_by_worker_sid', 'transferred_by'] as const;

export interface TransferDetails {
  targetType: 'worker' | 'queue';
  targetSid: string;
  mode: 'cold' | 'warm';
  conferenceSid: string;
  originalTaskSid: string;
  byWorkerSid: string;
  byName: string | null;
  customerCallSid: string;
}

export function transferAttributes(original: Record<string, unknown>, t: TransferDetails): Record<string, unknown> {
  const caller = Object.fromEntries(Object.entries(original).filter(([key]) => !(TRANSFER_KEYS as readonly string[]).includes(key)));
  return {
    ...caller,
    call_sid: t.customerCallSid,
    transfer_target_type: t.targetType,
    transfer_target_sid: t.targetSid,
    transfer_mode: t.mode,
    conference_sid: t.conferenceSid,
    original_task_sid: t.originalTaskSid,
    transferred_by_worker_sid: t.byWorkerSid,
    ...(t.byName ? { transferred_by: t.byName } : {}),
  };
}

/** What a reservation's task says about the transfer it carries, or null when it is not a transfer. */
export function transferOf(attributes: Record<string, unknown>): { conferenceSid: string; originalTaskSid: string; mode: 'cold' | 'warm'; byName: string | null } | null {
  const conferenceSid = attributes['conference_sid'];
  const originalTaskSid = attributes['original_task_sid'];
  const type = attributes['transfer_target_type'];
  if (typeof conferenceSid !== 'string' || !/^CF[0-9a-fA-F]{32}$/.test(conferenceSid)) return null;
  if (typeof originalTaskSid !== 'string' || !/^WT[0-9a-fA-F]{32}$/.test(originalTaskSid)) return null;
  if (type !== 'worker' && type !== 'queue') return null;
  const by = attributes['transferred_by'];
  return { conferenceSid, originalTaskSid, mode: attributes['transfer_mode'] === 'warm' ? 'warm' : 'cold', byName: typeof by === 'string' ? by.slice(0, 100) : null };
}

/**
 * The Call instruction's URL that joins a transfer target to the original
 * task's conference: the TwiML endpoint answers `To=conference:NAME` with
 * `<Dial><Conference>NAME</Conference></Dial>` (the emulator's demo app does;
 * README "Transfers" has the recipe for a real account).
 */
export function joinConferenceUrl(twimlUrl: string, conferenceName: string): string {
  const url = new URL(twimlUrl);
  url.searchParams.set('To', `conference:${conferenceName}`);
  return url.href;
}
