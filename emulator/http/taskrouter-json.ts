import type { Engine } from '../domain/engine';
import type { ActivityRecord, DomainEvent, ReservationRecord, TaskChannelRecord, TaskQueueRecord, TaskRecord, WorkerChannelRecord, WorkerRecord, WorkflowRecord } from '../domain/types';
import { iso } from './dates';

/**
 * Domain records → TaskRouter v1 JSON: snake_case, every field the OpenAPI
 * spec lists, absolute `url`/`links` on the emulator's own origin.
 */
export class TaskRouterJson {
  constructor(
    private readonly engine: Engine,
    private readonly origin: () => string,
  ) {}

  private get ws(): string {
    return `${this.origin()}/v1/Workspaces/${this.engine.getWorkspace().sid}`;
  }

  private base() {
    const w = this.engine.getWorkspace();
    return { account_sid: w.accountSid, workspace_sid: w.sid };
  }

  workspace() {
    const w = this.engine.getWorkspace();
    const url = this.ws;
    return {
      account_sid: w.accountSid,
      date_created: iso(w.dateCreated),
      date_updated: iso(w.dateUpdated),
      default_activity_name: this.engine.getActivity(w.defaultActivitySid)?.friendlyName ?? null,
      default_activity_sid: w.defaultActivitySid,
      event_callback_url: w.eventCallbackUrl,
      events_filter: w.eventsFilter,
      friendly_name: w.friendlyName,
      multi_task_enabled: w.multiTaskEnabled,
      sid: w.sid,
      timeout_activity_name: this.engine.getActivity(w.timeoutActivitySid)?.friendlyName ?? null,
      timeout_activity_sid: w.timeoutActivitySid,
      prioritize_queue_order: w.prioritizeQueueOrder,
      url,
      links: {
        activities: `${url}/Activities`,
        events: `${url}/Events`,
        task_channels: `${url}/TaskChannels`,
        task_queues: `${url}/TaskQueues`,
        tasks: `${url}/Tasks`,
        workers: `${url}/Workers`,
        workflows: `${url}/Workflows`,
        statistics: `${url}/Statistics`,
        real_time_statistics: `${url}/RealTimeStatistics`,
        cumulative_statistics: `${url}/CumulativeStatistics`,
      },
    };
  }

  activity(a: ActivityRecord) {
    const url = `${this.ws}/Activities/${a.sid}`;
    return { ...this.base(), available: a.available, date_created: iso(a.dateCreated), date_updated: iso(a.dateUpdated), friendly_name: a.friendlyName, sid: a.sid, url, links: { workspace: this.ws } };
  }

  worker(w: WorkerRecord) {
    const activity = this.engine.activityOf(w);
    const url = `${this.ws}/Workers/${w.sid}`;
    return {
      ...this.base(),
      activity_name: activity.friendlyName,
      activity_sid: w.activitySid,
      attributes: w.attributes,
      available: activity.available,
      date_created: iso(w.dateCreated),
      date_status_changed: iso(w.dateStatusChanged),
      date_updated: iso(w.dateUpdated),
      friendly_name: w.friendlyName,
      sid: w.sid,
      url,
      links: {
        activity: `${this.ws}/Activities/${w.activitySid}`,
        channels: `${url}/Channels`,
        reservations: `${url}/Reservations`,
        worker_channels: `${url}/Channels`,
        worker_statistics: `${url}/Statistics`,
        workspace: this.ws,
      },
    };
  }

  workerChannel(c: WorkerChannelRecord) {
    const assigned = this.engine.assignedTasks(c);
    const channel = this.engine.getTaskChannel(c.taskChannelSid);
    return {
      ...this.base(),
      assigned_tasks: assigned,
      available: c.available,
      available_capacity_percentage: c.capacity > 0 ? Math.max(0, Math.round(((c.capacity - assigned) / c.capacity) * 100)) : 0,
      configured_capacity: c.capacity,
      date_created: iso(c.dateCreated),
      date_updated: iso(c.dateUpdated),
      sid: c.sid,
      task_channel_sid: c.taskChannelSid,
      task_channel_unique_name: channel?.uniqueName ?? null,
      worker_sid: c.workerSid,
      url: `${this.ws}/Workers/${c.workerSid}/Channels/${c.sid}`,
    };
  }

  workflow(w: WorkflowRecord) {
    const url = `${this.ws}/Workflows/${w.sid}`;
    return {
      ...this.base(),
      assignment_callback_url: w.assignmentCallbackUrl,
      configuration: w.configuration,
      date_created: iso(w.dateCreated),
      date_updated: iso(w.dateUpdated),
      document_content_type: 'application/json',
      fallback_assignment_callback_url: w.fallbackAssignmentCallbackUrl,
      friendly_name: w.friendlyName,
      sid: w.sid,
      task_reservation_timeout: w.taskReservationTimeout,
      url,
      links: { statistics: `${url}/Statistics`, real_time_statistics: `${url}/RealTimeStatistics`, cumulative_statistics: `${url}/CumulativeStatistics` },
    };
  }

  taskQueue(q: TaskQueueRecord) {
    const url = `${this.ws}/TaskQueues/${q.sid}`;
    return {
      ...this.base(),
      assignment_activity_sid: q.assignmentActivitySid,
      assignment_activity_name: q.assignmentActivitySid ? (this.engine.getActivity(q.assignmentActivitySid)?.friendlyName ?? null) : null,
      date_created: iso(q.dateCreated),
      date_updated: iso(q.dateUpdated),
      friendly_name: q.friendlyName,
      max_reserved_workers: q.maxReservedWorkers,
      reservation_activity_sid: q.reservationActivitySid,
      reservation_activity_name: q.reservationActivitySid ? (this.engine.getActivity(q.reservationActivitySid)?.friendlyName ?? null) : null,
      sid: q.sid,
      target_workers: q.targetWorkers,
      task_order: q.taskOrder,
      url,
      links: {
        assignment_activity: q.assignmentActivitySid ? `${this.ws}/Activities/${q.assignmentActivitySid}` : null,
        reservation_activity: q.reservationActivitySid ? `${this.ws}/Activities/${q.reservationActivitySid}` : null,
        workspace: this.ws,
        statistics: `${url}/Statistics`,
        real_time_statistics: `${url}/RealTimeStatistics`,
        cumulative_statistics: `${url}/CumulativeStatistics`,
        list_statistics: `${this.ws}/TaskQueues/Statistics`,
        bulk_real_time_statistics: `${this.ws}/TaskQueues/RealTimeStatistics`,
      },
    };
  }

  taskChannel(c: TaskChannelRecord) {
    const url = `${this.ws}/TaskChannels/${c.sid}`;
    return {
      ...this.base(),
      date_created: iso(c.dateCreated),
      date_updated: iso(c.dateUpdated),
      friendly_name: c.friendlyName,
      sid: c.sid,
      unique_name: c.uniqueName,
      channel_optimized_routing: c.channelOptimizedRouting,
      url,
      links: { workspace: this.ws },
    };
  }

  task(t: TaskRecord) {
    const url = `${this.ws}/Tasks/${t.sid}`;
    const queue = t.taskQueueSid ? this.engine.getTaskQueue(t.taskQueueSid) : undefined;
    const workflow = this.engine.getWorkflow(t.workflowSid);
    const channel = this.engine.getTaskChannel(t.taskChannelSid);
    return {
      ...this.base(),
      age: Math.max(0, Math.floor((this.engine.now() - t.virtualStartTime) / 1000)),
      assignment_status: t.assignmentStatus,
      attributes: t.attributes,
      addons: '{}',
      date_created: iso(t.dateCreated),
      date_updated: iso(t.dateUpdated),
      task_queue_entered_date: t.taskQueueEnteredDate === null ? null : iso(t.taskQueueEnteredDate),
      priority: t.priority,
      reason: t.reason,
      sid: t.sid,
      task_queue_sid: t.taskQueueSid,
      task_queue_friendly_name: queue?.friendlyName ?? null,
      task_channel_sid: t.taskChannelSid,
      task_channel_unique_name: channel?.uniqueName ?? null,
      timeout: t.timeout,
      workflow_sid: t.workflowSid,
      workflow_friendly_name: workflow?.friendlyName ?? null,
      url,
      links: {
        task_queue: t.taskQueueSid ? `${this.ws}/TaskQueues/${t.taskQueueSid}` : null,
        workflow: `${this.ws}/Workflows/${t.workflowSid}`,
        workspace: this.ws,
        reservations: `${url}/Reservations`,
      },
      virtual_start_time: iso(t.virtualStartTime),
      ignore_capacity: t.ignoreCapacity,
      routing_target: t.routingTarget,
    };
  }

  /** A domain event as TaskRouter's Event resource: the resource it concerns is the most specific one. */
  event(e: DomainEvent) {
    const w = this.engine.getWorkspace();
    const [resourceType, resourceSid, resourceUrl] = e.reservationSid
      ? ['reservation', e.reservationSid, e.taskSid ? `${this.ws}/Tasks/${e.taskSid}/Reservations/${e.reservationSid}` : null]
      : e.taskSid
        ? ['task', e.taskSid, `${this.ws}/Tasks/${e.taskSid}`]
        : e.workerSid
          ? ['worker', e.workerSid, `${this.ws}/Workers/${e.workerSid}`]
          : ['workspace', w.sid, this.ws];
    const data: Record<string, string> = { workspace_sid: w.sid, account_sid: w.accountSid };
    if (e.taskSid) data['task_sid'] = e.taskSid;
    if (e.workerSid) data['worker_sid'] = e.workerSid;
    if (e.reservationSid) data['reservation_sid'] = e.reservationSid;
    return {
      account_sid: w.accountSid,
      actor_sid: w.accountSid,
      actor_type: 'account',
      actor_url: null,
      description: `${resourceType[0]!.toUpperCase()}${resourceType.slice(1)} ${resourceSid} ${e.type.split('.').slice(1).join(' ')}`,
      event_data: data,
      event_date: iso(e.at),
      event_date_ms: e.at,
      event_type: e.type,
      resource_sid: resourceSid,
      resource_type: resourceType,
      resource_url: resourceUrl,
      sid: e.sid,
      source: 'twilio',
      source_ip_address: '127.0.0.1',
      url: `${this.ws}/Events/${e.sid}`,
      workspace_sid: w.sid,
    };
  }

  /**
   * The reservation's JSON text, remembered per record until its version or the
   * origin changes: pollers fetch the same reservation over and over, and this
   * is the emulator's hottest path.
   */
  reservationText(r: ReservationRecord, route: 'worker' | 'task'): string {
    const key = `${route}|${r.version}|${r.dateUpdated}|${this.origin()}`;
    const cached = this.reservationCache.get(r);
    if (cached?.[route]?.key === key) return cached[route].text;
    const text = JSON.stringify(this.reservation(r, route));
    this.reservationCache.set(r, { ...cached, [route]: { key, text } });
    return text;
  }

  private readonly reservationCache = new WeakMap<ReservationRecord, Partial<Record<'worker' | 'task', { key: string; text: string }>>>();

  /** A reservation as seen from one route: its `url` uses that route. */
  reservation(r: ReservationRecord, route: 'worker' | 'task') {
    const url = route === 'worker' ? `${this.ws}/Workers/${r.workerSid}/Reservations/${r.sid}` : `${this.ws}/Tasks/${r.taskSid}/Reservations/${r.sid}`;
    return {
      ...this.base(),
      date_created: iso(r.dateCreated),
      date_updated: iso(r.dateUpdated),
      reservation_status: r.status,
      sid: r.sid,
      task_sid: r.taskSid,
      worker_name: r.workerName,
      worker_sid: r.workerSid,
      url,
      links: { task: `${this.ws}/Tasks/${r.taskSid}`, worker: `${this.ws}/Workers/${r.workerSid}`, workspace: this.ws },
    };
  }
}
