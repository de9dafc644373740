import type { TaskFilter } from '../domain/engine';
import type { EngineError } from '../domain/types';
import { isSid } from './sid-check';
import { badRequestError } from './twilio-error';

/**
 * The Tasks list's query string → the engine's TaskFilter. Typed values
 * (Priority, HasAddons, SIDs) are checked here; the engine checks the rest
 * (AssignmentStatus values, the EvaluateTaskAttributes expression, Ordering).
 */
export function taskFilterFrom(q: Record<string, unknown>): TaskFilter | { error: EngineError } {
  const text = (name: string): string | undefined => (typeof q[name] === 'string' && q[name] !== '' ? q[name] : undefined);
  const filter: TaskFilter = {};
  const statuses = q['AssignmentStatus'];
  // Repeated keys (twilio-node) or one comma-separated value.
  if (statuses !== undefined) filter.assignmentStatus = (Array.isArray(statuses) ? statuses : [statuses]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter((s) => s !== '');
  for (const [name, prefix] of [['WorkflowSid', 'WW'], ['TaskQueueSid', 'WQ']] as const) {
    if (q[name] !== undefined && !isSid(prefix, q[name])) return { error: badRequestError(`Invalid parameter ${name}: must be a ${prefix} SID`) };
  }
  if (text('WorkflowSid')) filter.workflowSid = text('WorkflowSid')!;
  if (text('WorkflowName')) filter.workflowName = text('WorkflowName')!;
  if (text('TaskQueueSid')) filter.taskQueueSid = text('TaskQueueSid')!;
  if (text('TaskQueueName')) filter.taskQueueName = text('TaskQueueName')!;
  if (text('EvaluateTaskAttributes')) filter.evaluateTaskAttributes = text('EvaluateTaskAttributes')!;
  if (text('Ordering')) filter.ordering = text('Ordering')!;
  if (text('RoutingTarget')) filter.routingTarget = text('RoutingTarget')!;
  if (q['Priority'] !== undefined) {
    const priority = text('Priority');
    if (priority === undefined || !/^\d{1,10}$/.test(priority) || Number(priority) > 2_147_483_647) return { error: badRequestError('Invalid parameter Priority: must be an integer from 0 to 2147483647') };
    filter.priority = Number(priority);
  }
  const addons = q['HasAddons'];
  if (addons !== undefined) {
    if (addons !== 'true' && addons !== 'false') return { error: badRequestError('Invalid parameter HasAddons: must be true or false') };
    filter.hasAddons = addons === 'true';
  }
  return filter;
}
