import { badRequest, ok } from './errors';
import type { EngineState } from './state';
import type { EngineResult, RawParams } from './types';

/**
 * The query parameters TaskRouter's Statistics resources take, as Twilio
 * documents them: `Minutes` (default 15) or `StartDate`/`EndDate` (ISO 8601;
 * "Minutes cannot be used in combination with StartDate and EndDate"),
 * `TaskChannel` (SID or unique name) and `SplitByWaitTime` (comma-separated
 * thresholds in seconds). Other query parameters are ignored, as on every list.
 */

export const DEFAULT_STATISTICS_MINUTES = 15;
/** A year; the emulator keeps 30 days of history, so a longer window just finds nothing older. */
const MAX_MINUTES = 525_600;
const MAX_SPLIT_THRESHOLDS = 10;
const MAX_SPLIT_SECONDS = 31 * 86_400;

export interface StatisticsWindow {
  start: number;
  end: number;
}

export interface StatisticsQuery {
  window: StatisticsWindow;
  /** TC sid, when `TaskChannel` was given. */
  channelSid: string | null;
  /** Seconds, ascending, when `SplitByWaitTime` was given. */
  splitByWaitTime: number[] | null;
}

/**
 * Dates before the Unix epoch are refused. TaskRouter keeps 30 days of
 * statistics, so no such window can hold anything, and a window reaching
 * before year 0 cannot even be written as the spec's date-time. What Twilio
 * answers for such dates is not documented (see the emulator README).
 */
const EARLIEST_DATE = Date.UTC(1970, 0, 1);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function single(raw: RawParams, name: string): EngineResult<string | undefined> {
  const value = raw[name];
  if (value === undefined) return ok(undefined);
  if (typeof value === 'number') return ok(String(value));
  if (typeof value !== 'string') return badRequest(`Parameter ${name} was given more than once`);
  return ok(value);
}

function parseDate(name: string, value: string): EngineResult<number> {
  const trimmed = value.trim();
  // A date-time without a zone is GMT, as the parameters' descriptions say.
  const ms = ISO_DATE.test(trimmed) ? Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) ? `${trimmed}Z` : trimmed) : NaN;
  if (Number.isNaN(ms)) return badRequest(`Invalid parameter ${name}: must be an ISO 8601 date-time such as 2026-01-05T09:00:00Z`);
  if (ms < EARLIEST_DATE) return badRequest(`Invalid parameter ${name}: must not be before 1970-01-01T00:00:00Z`);
  return ok(ms);
}

/** Resolves `TaskChannel` (SID or unique name); null when absent. */
export function parseTaskChannel(s: EngineState, raw: RawParams): EngineResult<string | null> {
  const value = single(raw, 'TaskChannel');
  if (!value.ok) return value;
  if (value.value === undefined) return ok(null);
  const channel = s.findTaskChannel(value.value);
  if (!channel) return badRequest(`Invalid parameter TaskChannel: ${value.value.slice(0, 64)} is neither the SID nor the unique name of a task channel in this workspace`);
  return ok(channel.sid);
}

export function parseStatisticsQuery(s: EngineState, raw: RawParams): EngineResult<StatisticsQuery> {
  const minutesText = single(raw, 'Minutes');
  const startText = single(raw, 'StartDate');
  const endText = single(raw, 'EndDate');
  const splitText = single(raw, 'SplitByWaitTime');
  if (!minutesText.ok) return minutesText;
  if (!startText.ok) return startText;
  if (!endText.ok) return endText;
  if (!splitText.ok) return splitText;
  const channel = parseTaskChannel(s, raw);
  if (!channel.ok) return channel;

  const now = s.clock.now();
  let window: StatisticsWindow;
  if (minutesText.value !== undefined) {
    if (startText.value !== undefined || endText.value !== undefined) return badRequest('Minutes cannot be used in combination with StartDate and EndDate');
    const minutes = /^\s*\d{1,9}\s*$/.test(minutesText.value) ? Number(minutesText.value) : NaN;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) return badRequest(`Invalid parameter Minutes: must be an integer from 1 to ${MAX_MINUTES}`);
    window = { start: now - minutes * 60_000, end: now };
  } else {
    const end = endText.value === undefined ? ok(now) : parseDate('EndDate', endText.value);
    if (!end.ok) return end;
    const start = startText.value === undefined ? ok(end.value - DEFAULT_STATISTICS_MINUTES * 60_000) : parseDate('StartDate', startText.value);
    if (!start.ok) return start;
    if (start.value > end.value) return badRequest('Invalid parameters: StartDate must not be after EndDate');
    window = { start: start.value, end: end.value };
  }

  let split: number[] | null = null;
  if (splitText.value !== undefined) {
    const parts = splitText.value.split(',').map((part) => part.trim());
    if (parts.length > MAX_SPLIT_THRESHOLDS || parts.some((part) => !/^\d{1,8}$/.test(part) || Number(part) > MAX_SPLIT_SECONDS)) {
      return badRequest(`Invalid parameter SplitByWaitTime: must be up to ${MAX_SPLIT_THRESHOLDS} comma-separated whole numbers of seconds (0 to ${MAX_SPLIT_SECONDS}), such as 5,30`);
    }
    split = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  }
  return ok({ window, channelSid: channel.value, splitByWaitTime: split });
}
