import type { SeedPlan } from './engine';
import type { IdFactory } from './ids';

/**
 * The workspace every emulator starts with: activities, channels, three queues
 * behind one workflow, and a handful of agents. Worker 0 is the app's agent;
 * in demo mode the others are simulated colleagues.
 */

export const ACTIVITY_NAMES = ['Available', 'Offline', 'Break', 'Lunch', 'Wrap Up', 'Missed'] as const;
export const QUEUE_NAMES = ['Support', 'Sales', 'Billing'] as const;
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

export function makeSeedPlan(ids: IdFactory, options: SeedOptions): SeedPlan {
  const activity = Object.fromEntries(ACTIVITY_NAMES.map((n) => [n, ids.sid('WA')])) as Record<(typeof ACTIVITY_NAMES)[number], string>;
  const channel = Object.fromEntries(CHANNEL_NAMES.map((n) => [n, ids.sid('TC')])) as Record<(typeof CHANNEL_NAMES)[number], string>;
  const queue = Object.fromEntries(QUEUE_NAMES.map((n) => [n, ids.sid('WQ')])) as Record<(typeof QUEUE_NAMES)[number], string>;
  const configuration = JSON.stringify({
    task_routing: {
      filters: QUEUE_NAMES.map((n) => ({ filter_friendly_name: n, expression: `queue == "${n}"`, targets: [{ queue: queue[n] }] })),
      default_filter: { queue: queue.Support },
    },
  });
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
    taskQueues: QUEUE_NAMES.map((n) => ({
      sid: queue[n],
      friendlyName: n,
      targetWorkers: `skills HAS "${n.toLowerCase()}"`,
      maxReservedWorkers: 1,
      taskOrder: 'FIFO' as const,
      reservationActivitySid: null,
      assignmentActivitySid: null,
    })),
    workflows: [{ sid: ids.sid('WW'), friendlyName: 'Inbound Calls', configuration, assignmentCallbackUrl: null, fallbackAssignmentCallbackUrl: null, taskReservationTimeout: options.reservationTimeoutSeconds }],
    workers,
  };
}
