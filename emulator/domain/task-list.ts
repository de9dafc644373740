import { badRequest, ok } from './errors';
import { compileExpression, type Predicate } from './expression';
import { parseJsonObject } from './params';
import type { EngineState, TaskFilter } from './state';
import type { EngineResult, TaskAssignmentStatus, TaskRecord } from './types';

/**
 * The Tasks list with every filter Twilio documents: AssignmentStatus,
 * Priority, WorkflowSid/Name, TaskQueueSid/Name, EvaluateTaskAttributes (a
 * TaskRouter expression over each task's attributes), RoutingTarget, HasAddons,
 * and Ordering ("Attribute:Order" pairs, comma-separated; by default ascending
 * DateCreated).
 */

const ASSIGNMENT_STATUSES: readonly TaskAssignmentStatus[] = ['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping'];

type OrderAttribute = 'DateCreated' | 'Priority' | 'VirtualStartTime';
type Comparator = (a: TaskRecord, b: TaskRecord) => number;

/** Optional fields other parts of the emulator may set on a task (outbound tasks, a virtual start time). */
type MaybeExtended = TaskRecord & { routingTarget?: string | null; virtualStartTime?: number | null };

const routingTargetOf = (task: TaskRecord): string | null => (task as MaybeExtended).routingTarget ?? null;
const virtualStartOf = (task: TaskRecord): number => (task as MaybeExtended).virtualStartTime ?? task.dateCreated;

const ORDER_KEYS: Record<OrderAttribute, (task: TaskRecord) => number> = {
  DateCreated: (task) => task.dateCreated,
  Priority: (task) => task.priority,
  VirtualStartTime: virtualStartOf,
};

/** Parses `Priority:desc,DateCreated:asc` into one comparator (attribute and order are case-insensitive). */
export function parseOrdering(ordering: string): EngineResult<Comparator> {
  const usage = 'Invalid parameter Ordering: expected Attribute:Order pairs separated by commas, where Attribute is DateCreated, Priority or VirtualStartTime and Order is asc or desc (for example Priority:desc,DateCreated:asc)';
  const parts = ordering.split(',').map((part) => part.trim());
  if (parts.length > 3) return badRequest(usage);
  const keys: { attribute: OrderAttribute; sign: number }[] = [];
  for (const part of parts) {
    const match = /^([A-Za-z]+):(asc|desc)$/i.exec(part);
    const attribute = match ? (Object.keys(ORDER_KEYS) as OrderAttribute[]).find((name) => name.toLowerCase() === match[1]!.toLowerCase()) : undefined;
    if (!match || !attribute) return badRequest(usage);
    if (keys.some((k) => k.attribute === attribute)) return badRequest(`Invalid parameter Ordering: ${attribute} is given more than once`);
    keys.push({ attribute, sign: match[2]!.toLowerCase() === 'desc' ? -1 : 1 });
  }
  const names = new Set(keys.map((k) => k.attribute));
  if (names.has('DateCreated') && names.has('VirtualStartTime')) return badRequest('Invalid parameter Ordering: DateCreated and VirtualStartTime cannot be combined');
  return ok((a, b) => {
    for (const { attribute, sign } of keys) {
      const diff = ORDER_KEYS[attribute](a) - ORDER_KEYS[attribute](b);
      if (diff !== 0) return sign * diff;
    }
    return 0;
  });
}

export function listTasks(s: EngineState, filter: TaskFilter): EngineResult<TaskRecord[]> {
  const unknownStatus = filter.assignmentStatus?.find((status) => !(ASSIGNMENT_STATUSES as readonly string[]).includes(status));
  if (unknownStatus !== undefined) return badRequest(`Invalid parameter AssignmentStatus: ${unknownStatus.slice(0, 64)} is not one of ${ASSIGNMENT_STATUSES.join(', ')}`);
  let predicate: Predicate | null = null;
  if (filter.evaluateTaskAttributes !== undefined) {
    const compiled = compileExpression(filter.evaluateTaskAttributes);
    if (!compiled.ok) return badRequest(`Invalid EvaluateTaskAttributes: ${compiled.message}`);
    predicate = compiled.predicate;
  }
  let comparator: Comparator | null = null;
  if (filter.ordering !== undefined) {
    const parsed = parseOrdering(filter.ordering);
    if (!parsed.ok) return parsed;
    comparator = parsed.value;
  }
  const list = [...s.tasks.values()].filter((t) => {
    if (filter.assignmentStatus?.length && !filter.assignmentStatus.includes(t.assignmentStatus)) return false;
    if (filter.priority !== undefined && t.priority !== filter.priority) return false;
    if (filter.workflowSid && t.workflowSid !== filter.workflowSid) return false;
    if (filter.workflowName && s.workflows.get(t.workflowSid)?.friendlyName !== filter.workflowName) return false;
    if (filter.taskQueueSid && t.taskQueueSid !== filter.taskQueueSid) return false;
    if (filter.taskQueueName && (t.taskQueueSid ? s.taskQueues.get(t.taskQueueSid)?.friendlyName : undefined) !== filter.taskQueueName) return false;
    if (filter.routingTarget !== undefined && routingTargetOf(t) !== filter.routingTarget) return false;
    // The emulator runs no Add-ons, so no task has any.
    if (filter.hasAddons === true) return false;
    if (predicate && !predicate(parseJsonObject(t.attributes))) return false;
    return true;
  });
  // Tasks are kept in creation order, which is Twilio's default (ascending DateCreated); the sort is stable.
  if (comparator) list.sort(comparator);
  return ok(list);
}
