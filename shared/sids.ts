import { z } from 'zod';
import { issue } from './issues';

/**
 * Twilio SIDs: a two-letter prefix and 32 hex characters. The prefixes used by
 * TaskRouter, Voice and the emulator.
 */
export const SID_PREFIXES = {
  account: 'AC',
  apiKey: 'SK',
  workspace: 'WS',
  task: 'WT',
  reservation: 'WR',
  worker: 'WK',
  activity: 'WA',
  workflow: 'WW',
  taskQueue: 'WQ',
  taskChannel: 'TC',
  workerChannel: 'WC',
  call: 'CA',
  conference: 'CF',
  event: 'EV',
  application: 'AP',
} as const;

export type SidPrefix = (typeof SID_PREFIXES)[keyof typeof SID_PREFIXES];

export const sidPattern = (prefix: SidPrefix): RegExp => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);

export const isSid = (prefix: SidPrefix, value: unknown): value is string => typeof value === 'string' && sidPattern(prefix).test(value);

/** A zod schema for one kind of SID, with an English message (the emulator's and the command line's errors). */
export const sidSchema = (prefix: SidPrefix, what: string) =>
  z.string().regex(sidPattern(prefix), { message: `${what} must be a SID starting with ${prefix} followed by 32 hex characters` });

/** The same for an input of the contract: its issue names the prefix, and the UI words it. */
export const sidField = (prefix: SidPrefix) => z.string().regex(sidPattern(prefix), { message: issue('sid', { prefix }) });
