/**
 * Demo-like traffic for the fleet suite, close to what the emulator's demo colleagues do
 * (emulator/demo/traffic.ts: answer after 2–6 s, about one in seven rejects, talk, wrap,
 * complete), with shorter calls so a minute of measurement sees every agent busy.
 */

export interface AgentPlan {
  thinkMs: number;
  rejects: boolean;
  talkMs: number;
  wrapMs: number;
}

const between = (random: () => number, min: number, max: number) => min + random() * (max - min);

export function agentPlan(random: () => number): AgentPlan {
  return {
    thinkMs: between(random, 1_000, 4_000),
    rejects: random() < 1 / 7,
    talkMs: between(random, 10_000, 30_000),
    wrapMs: between(random, 2_000, 5_000),
  };
}

/** Mean time an agent spends on one offer, for sizing the arrival rate. */
export const MEAN_HANDLE_MS = 2_500 + (6 / 7) * (20_000 + 3_500);

/** Tasks per second that keep `agents` agents busy `occupancy` of the time. */
export function arrivalRate(agents: number, occupancy: number): number {
  return (agents * occupancy) / (MEAN_HANDLE_MS / 1000);
}

/** Queues of the seeded workflow (the task attribute `queue`); every seeded worker has at least one of their skills. */
export const QUEUES = ['Support', 'Sales', 'Billing'] as const;
