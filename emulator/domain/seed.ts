import type { SeedPlan } from './engine';
import type { IdFactory } from './ids';

/**
 * The workspace every emulator starts with: activities, channels, three queues
 * behind one workflow, and a handful of agents. Worker 0 is the app's agent;
 * in demo mode the others are simulated colleagues.
 */

export const ACTIVITY_NAMES = ['Available', 'Offline', 'Break', 'Lunch', 'Wrap Up', 'Missed'] as const;
export const QUEUE_NAMES = ['Support', 'Sales', 'Billing'] as const;
/** Every worker; the queue transfers to a named worker go through (Known Agent Routing needs the worker in the target's queue). */
export const EVERYONE_QUEUE = 'Everyone';
export const CHANNEL_NAMES = ['default', 'voice', 'chat', 'sms'] as const;

const PEOPLE = [
  { name: 'Alice Agent', identity: 'alice', skills: ['support', 'sales', 'billing'], languages: ['en', 'es'] },
  { name: 'Bob Banks', identity: 'bob', skills: ['support', 'billing'], languages: ['en'] },
  { name: 'Chandra Iyer', identity: 'chandra', skills: ['sales', 'support'], languages: ['en', 'hi'] },
  { name: 'Dmitri Volkov', identity: 'dmitri', skills: ['billing', 'sales'], languages: ['en', 'ru'] },
  { name: 'Esther Okafor', identity: 'esther', skills: ['support'], languages: ['en', 'fr'] },
  { name: 'Felipe Duarte', identity: 'felipe', skills: ['sales'], languages: ['en', 'pt'] },
  { name: 'Grace Kim', identity: 'grace', skills: ['support', 'billing'], languages: ['en', 'ko'] },
  { name: 'Hamid Rahimi', identity: 'hamid', skills: ['billing'], languages: ['en', 'fa'] },
];

/** Enough for a contact center's worth of desktops on one machine (the fleet benchmark runs 500). */
export const MAX_WORKERS = 1000;

export interface SeedOptions {
  accountSid: string;
  workers: number;
  reservationTimeoutSeconds: number;
}

/**
 * The demo workflow: transfers first (docs/transfers-workflow.md is the recipe a customer
 * pastes), then the inbound queues by the task's `queue` attribute, Support by default.
 *  - `transfer_target_type == "worker"`: Known Agent Routing to `task.transfer_target_sid`
 *    through the Everyone queue;
 *  - `transfer_target_type == "queue"`: one filter per queue, on `transfer_target_sid`.
 */
export function demoWorkflowConfiguration(queue: Record<(typeof QUEUE_NAMES)[number], string>, everyone: string) {
  const queues: [string, string][] = [...QUEUE_NAMES.map((n): [string, string] => [n, queue[n]]), [EVERYONE_QUEUE, everyone]];
  return {
    task_routing: {
      filters: [
        { filter_friendly_name: 'Transfer to a worker', expression: 'transfer_target_type == "worker"', targets: [{ queue: everyone, known_worker_sid: 'task.transfer_target_sid' }] },
        ...queues.map(([name, sid]) => ({ filter_friendly_name: `Transfer to ${name}`, expression: `transfer_target_type == "queue" AND transfer_target_sid == "${sid}"`, targets: [{ queue: sid }] })),
        ...QUEUE_NAMES.map((n) => ({ filter_friendly_name: n, expression: `queue == "${n}"`, targets: [{ queue: queue[n] }] })),
      ],
      default_filter: { queue: queue.Support },
    },
  };
}

export function makeSeedPlan(ids: IdFactory, options: SeedOptions): SeedPlan {
  const activity = Object.fromEntries(ACTIVITY_NAMES.map((n) => [n, ids.sid('WA')])) as Record<(typeof ACTIVITY_NAMES)[number], string>;
  const channel = Object.fromEntries(CHANNEL_NAMES.map((n) => [n, ids.sid('TC')])) as Record<(typeof CHANNEL_NAMES)[number], string>;
  const queue = Object.fromEntries(QUEUE_NAMES.map((n) => [n, ids.sid('WQ')])) as Record<(typeof QUEUE_NAMES)[number], string>;
  const everyone = ids.sid('WQ');
  const configuration = JSON.stringify(demoWorkflowConfiguration(queue, everyone));
  const count = Math.max(1, Math.min(MAX_WORKERS, Math.floor(options.workers)));
  const workers = Array.from({ length: count }, (_, i) => {
    const person = PEOPLE[i % PEOPLE.length]!;
    const round = Math.floor(i / PEOPLE.length);
    const identity = round === 0 ? person.identity : `${person.identity}${round + 1}`;
    const name = round === 0 ? person.name : `${person.name} ${round + 1}`;
    return {
      sid: ids.sid('WK'),
      friendlyName: name,
      attributes: JSON.stringify({ contact_uri: `client:${identity}`, skills: person.skills, languages: person.languages, email: `${identity}@example.com`, team: 'Tier 1' }),
      activitySid: activity.Available,
      channelSids: Object.fromEntries(CHANNEL_NAMES.map((n) => [n, ids.sid('WC')])),
    };
  });
  return {
    workspace: {
      sid: ids.sid('WS'),
      accountSid: options.accountSid,
      friendlyName: 'Emulated Contact Center',
      defaultActivitySid: activity.Offline,
      timeoutActivitySid: activity.Missed,
      multiTaskEnabled: true,
      eventCallbackUrl: null,
      eventsFilter: null,
      prioritizeQueueOrder: 'FIFO',
    },
    activities: ACTIVITY_NAMES.map((n) => ({ sid: activity[n], friendlyName: n, available: n === 'Available' })),
    taskChannels: CHANNEL_NAMES.map((n) => ({ sid: channel[n], uniqueName: n, friendlyName: n === 'sms' ? 'SMS' : n[0]!.toUpperCase() + n.slice(1), channelOptimizedRouting: null })),
    taskQueues: [
      ...QUEUE_NAMES.map((n) => ({ sid: queue[n], friendlyName: n as string, targetWorkers: `skills HAS "${n.toLowerCase()}"` })),
      { sid: everyone, friendlyName: EVERYONE_QUEUE, targetWorkers: '1==1' },
    ].map((q) => ({ ...q, maxReservedWorkers: 1, taskOrder: 'FIFO' as const, reservationActivitySid: null, assignmentActivitySid: null })),
    workflows: [{ sid: ids.sid('WW'), friendlyName: 'Inbound Calls', configuration, assignmentCallbackUrl: null, fallbackAssignmentCallbackUrl: null, taskReservationTimeout: options.reservationTimeoutSeconds }],
    workers,
  };
}
