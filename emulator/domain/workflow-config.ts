import { z } from 'zod';
import { badRequest, ok } from './errors';
import { compileExpression, type Predicate } from './expression';
import type { EngineResult, WorkerRecord } from './types';

/**
 * A workflow's `Configuration`, compiled: its filters (a task-attribute expression and
 * the first target) and its default filter. A target names a queue and may narrow the
 * workers further, as TaskRouter documents:
 *  - `expression` over `task.<attr>` and `worker.<attr>` (bare names are worker attributes),
 *    e.g. `"task.language IN worker.languages"`;
 *  - Known Agent Routing: `known_worker_sid` or `known_worker_friendly_name`, whose value
 *    names a task attribute (`"task.transfer_target_sid"`) holding the worker's SID or
 *    friendly name. The worker must also be in the target's queue (Twilio error 40152
 *    otherwise; here the task simply waits).
 * Only the first target of a filter is used (no escalation through later targets on timeout).
 */

export interface CompiledTarget {
  queueSid: string;
  /** Over `{...workerAttributes, worker: workerAttributes, task: taskAttributes}`. */
  expression: Predicate | null;
  knownWorker: { by: 'sid' | 'friendly_name'; attribute: string } | null;
}

export interface CompiledWorkflow {
  filters: { expression: Predicate; queueSid: string; target: CompiledTarget }[];
  defaultQueueSid: string | null;
  defaultTarget: CompiledTarget | null;
}

const queueSidSchema = z.string().regex(/^WQ[0-9a-fA-F]{32}$/);
const targetSchema = z
  .object({
    queue: queueSidSchema,
    expression: z.string().max(4096).optional(),
    known_worker_sid: z.string().max(256).optional(),
    known_worker_friendly_name: z.string().max(256).optional(),
  })
  .loose();

const workflowConfigSchema = z
  .object({
    task_routing: z
      .object({
        filters: z
          .array(
            z
              .object({
                filter_friendly_name: z.string().optional(),
                expression: z.string(),
                targets: z.array(targetSchema).min(1),
              })
              .loose(),
          )
          .max(100)
          .default([]),
        default_filter: targetSchema.optional(),
      })
      .loose(),
  })
  .loose();

const invalid = (message: string) => badRequest(`Invalid parameter Configuration: ${message}`);

function compileTarget(target: z.infer<typeof targetSchema>, queueExists: (sid: string) => boolean): EngineResult<CompiledTarget> {
  if (!queueExists(target.queue)) return invalid(`TaskQueue ${target.queue} does not exist in this workspace`);
  let expression: Predicate | null = null;
  if (target.expression !== undefined) {
    const compiled = compileExpression(target.expression);
    if (!compiled.ok) return invalid(`target expression "${target.expression}": ${compiled.message}`);
    expression = compiled.predicate;
  }
  if (target.known_worker_sid !== undefined && target.known_worker_friendly_name !== undefined) return invalid('a target takes known_worker_sid or known_worker_friendly_name, not both');
  const known = target.known_worker_sid ?? target.known_worker_friendly_name;
  let knownWorker: CompiledTarget['knownWorker'] = null;
  if (known !== undefined) {
    const match = /^task\.([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(known.trim());
    if (!match) return invalid(`${target.known_worker_sid !== undefined ? 'known_worker_sid' : 'known_worker_friendly_name'} must name a task attribute, such as "task.agent_sid" (got "${known}")`);
    knownWorker = { by: target.known_worker_sid !== undefined ? 'sid' : 'friendly_name', attribute: match[1]! };
  }
  return ok({ queueSid: target.queue, expression, knownWorker });
}

export function compileWorkflowConfiguration(configuration: string, queueExists: (sid: string) => boolean): EngineResult<CompiledWorkflow> {
  let json: unknown;
  try {
    json = JSON.parse(configuration);
  } catch {
    return invalid('must be JSON');
  }
  const parsed = workflowConfigSchema.safeParse(json);
  if (!parsed.success) return invalid(`expected {"task_routing":{"filters":[{"expression":"...","targets":[{"queue":"WQ..."}]}],"default_filter":{"queue":"WQ..."}}} (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
  const filters: CompiledWorkflow['filters'] = [];
  for (const f of parsed.data.task_routing.filters) {
    const compiled = compileExpression(f.expression);
    if (!compiled.ok) return invalid(`filter expression "${f.expression}": ${compiled.message}`);
    const target = compileTarget(f.targets[0]!, queueExists);
    if (!target.ok) return target;
    filters.push({ expression: compiled.predicate, queueSid: target.value.queueSid, target: target.value });
  }
  let defaultTarget: CompiledTarget | null = null;
  if (parsed.data.task_routing.default_filter) {
    const target = compileTarget(parsed.data.task_routing.default_filter, queueExists);
    if (!target.ok) return target;
    defaultTarget = target.value;
  }
  return ok({ filters, defaultQueueSid: defaultTarget?.queueSid ?? null, defaultTarget });
}

/** The target a task's attributes select: the first matching filter's, else the default. */
export function selectTarget(workflow: CompiledWorkflow, taskAttributes: Record<string, unknown>): CompiledTarget | null {
  return workflow.filters.find((f) => f.expression(taskAttributes))?.target ?? workflow.defaultTarget;
}

/** Whether a worker (already in the target's queue) is one the target lets through. */
export function targetAdmits(target: CompiledTarget, worker: WorkerRecord, workerAttributes: Record<string, unknown>, taskAttributes: Record<string, unknown>): boolean {
  if (target.knownWorker) {
    const wanted = resolvePath(taskAttributes, target.knownWorker.attribute);
    if (typeof wanted !== 'string' || wanted !== (target.knownWorker.by === 'sid' ? worker.sid : worker.friendlyName)) return false;
  }
  return !target.expression || target.expression({ ...workerAttributes, worker: workerAttributes, task: taskAttributes });
}

function resolvePath(root: Record<string, unknown>, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

