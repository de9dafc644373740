import { field, fmt, latency, markdownTable, provenance, tailOf, type ResultLine } from './format';

/**
 * The README's benchmark tables: one row per figure, beside its goal and its floor (measured
 * in the same run). `met` compares with the goal; for a series with too few samples for a
 * p99 it uses the maximum, which can show a goal met (max ≤ goal) but never hide a miss.
 */
interface Row {
  suite: string;
  figure: string;
  measured: (r: ResultLine) => string | null;
  goal: string;
  floor?: (r: ResultLine) => string | null;
  met?: (r: ResultLine) => boolean | undefined;
}

const below = (value: number | undefined, limit: number) => (value === undefined ? undefined : value <= limit);
const pct = (v: number | undefined) => fmt(v, 2, '%');

const ROWS: Row[] = [
  {
    suite: 'emulator',
    figure: 'reservation fetch, 50 keep-alive connections, 5 s',
    measured: (r) => `${fmt(field(r, 'emulator_fetch_rps'), 0)} req/s; ${latency(r, 'emulator_fetch', 'ms', 1)}; ${fmt(field(r, 'emulator_fetch_server_cpu_us_per_req'), 1)} µs emulator CPU per request`,
    goal: '≥ 50,000 req/s, p99 ≤ 5 ms',
    floor: (r) => `bare node:http, same bytes: ${fmt(field(r, 'floor_fetch_rps'), 0)} req/s, p99 ${fmt(field(r, 'floor_fetch_p99_ms'), 1)} ms`,
    met: (r) => {
      const rps = field(r, 'emulator_fetch_rps');
      const p99 = field(r, 'emulator_fetch_p99_ms');
      return rps === undefined || p99 === undefined ? undefined : rps >= 50_000 && p99 <= 5;
    },
  },
  {
    suite: 'host',
    figure: 'reservation created → host event, subscribe (one process)',
    measured: (r) => latency(r, 'subscribe_reservation_to_host', 'ms', 2),
    goal: 'p99 ≤ 10 ms (first round)',
    floor: (r) => latency(r, 'ws_floor', 'ms', 2),
    met: (r) => below(tailOf(r, 'subscribe_reservation_to_host'), 10),
  },
  {
    suite: 'host',
    figure: 'reservation created → host event, poll (200 ms interval)',
    measured: (r) => latency(r, 'poll_reservation_to_host', 'ms', 0),
    goal: 'p99 ≤ interval + 50 ms',
    met: (r) => below(tailOf(r, 'poll_reservation_to_host'), (field(r, 'poll_interval_ms') ?? 200) + 50),
  },
  {
    suite: 'host',
    figure: 'accept → applied in the emulator',
    measured: (r) => latency(r, 'accept_to_emulator', 'ms', 2),
    goal: 'p99 ≤ 20 ms (first round)',
    met: (r) => below(tailOf(r, 'accept_to_emulator'), 20),
  },
  {
    suite: 'ui',
    figure: 'offer → card in the DOM, 1 live offer',
    measured: (r) => latency(r, 'offer_to_card_1'),
    goal: 'p99 ≤ 16.7 ms',
    floor: (r) => `bare page on the same socket: ${latency(r, 'offer_to_card_1_floor')}`,
    met: (r) => below(tailOf(r, 'offer_to_card_1'), 16.7),
  },
  {
    suite: 'ui',
    figure: 'offer → card in the DOM, 50 live offers',
    measured: (r) => latency(r, 'offer_to_card_50'),
    goal: 'p99 ≤ 16.7 ms',
    floor: (r) => `bare page on the same socket: ${latency(r, 'offer_to_card_50_floor')}`,
    met: (r) => below(tailOf(r, 'offer_to_card_50'), 16.7),
  },
  {
    suite: 'ui',
    figure: 'first-screen JavaScript (fetched before the first input is handled)',
    measured: (r) =>
      `${fmt(field(r, 'first_screen_js_gzip_kb'), 1)} KB gzip in ${fmt(field(r, 'first_screen_js_files'), 0)} file(s); Voice SDK ${r.voice_sdk_in_first_screen === true ? 'in it' : 'not in it'}${field(r, 'voice_sdk_fetch_started_ms') !== undefined ? ` (fetched at ${fmt(field(r, 'voice_sdk_fetch_started_ms'), 0)} ms)` : ''}`,
    goal: '≤ 60 KB gzip',
    met: (r) => below(field(r, 'first_screen_js_gzip_kb'), 60),
  },
  {
    suite: 'ui',
    figure: 'navigation → first key handled (the page changes in answer)',
    measured: (r) => `p50 ${fmt(field(r, 'interactive_p50_ms'), 0)} ms, max ${fmt(field(r, 'interactive_max_ms'), 0)} ms (n ${fmt(field(r, 'interactive_n'), 0)})`,
    goal: 'reported',
    floor: (r) => `first contentful paint p50 ${fmt(field(r, 'first_contentful_paint_p50_ms'), 0)} ms`,
  },
  {
    suite: 'ui',
    figure: 'countdown scripting, 50 pending offers',
    measured: (r) => fmt(field(r, 'countdown_scripting_ms_per_s'), 2, 'ms per second'),
    goal: '≤ 5 ms per second (first round)',
    met: (r) => below(field(r, 'countdown_scripting_ms_per_s'), 5),
  },
  {
    suite: 'voice',
    figure: 'accept key → first inbound audio packet',
    measured: (r) => latency(r, 'accept_to_audio', 'ms', 0),
    goal: 'p99 ≤ floor p99 + 30 ms',
    floor: (r) => `bare Voice SDK Device answering at once: ${latency(r, 'floor_to_audio', 'ms', 0)}`,
    met: (r) => {
      const app = tailOf(r, 'accept_to_audio');
      const floor = field(r, 'floor_to_audio_p99_ms');
      // Without a real floor p99 the comparison would flatter or wrong the app: no verdict.
      return app === undefined || floor === undefined ? undefined : app <= floor + 30;
    },
  },
  {
    suite: 'voice',
    figure: "cold transfer: Bob's accept key → the caller audible at Bob",
    measured: (r) => latency(r, 'transfer_accept_to_caller_audio', 'ms', 0),
    goal: 'reported',
  },
  {
    suite: 'idle',
    figure: 'CPU, app open, nothing happening, 60 s (host + page)',
    measured: (r) => `${pct(field(r, 'idle_cpu_pct'))} of a core (host ${pct(field(r, 'idle_host_cpu_pct'))}, page ${pct(field(r, 'idle_page_cpu_pct'))})`,
    goal: '≤ 0.5 %',
    floor: (r) => `idle Node + blank page: ${pct(field(r, 'idle_floor_cpu_pct'))}`,
    met: (r) => below(field(r, 'idle_cpu_pct'), 0.5),
  },
  {
    suite: 'idle',
    figure: 'CPU, 10 pending offers counting down, 60 s (host + page)',
    measured: (r) => `${pct(field(r, 'pending10_cpu_pct'))} of a core (host ${pct(field(r, 'pending10_host_cpu_pct'))}, page ${pct(field(r, 'pending10_page_cpu_pct'))})`,
    goal: '≤ 2 %',
    floor: (r) => `idle Node + blank page: ${pct(field(r, 'pending10_floor_cpu_pct'))}`,
    met: (r) => below(field(r, 'pending10_cpu_pct'), 2),
  },
  {
    suite: 'memory',
    figure: 'host heap after a 500-offer shift, after GC',
    measured: (r) => fmt(field(r, 'host_heap_mb'), 1, 'MB'),
    goal: '≤ 40 MB',
    floor: (r) => `before the shift: ${fmt(field(r, 'host_heap_floor_mb'), 1, 'MB')}`,
    met: (r) => below(field(r, 'host_heap_mb'), 40),
  },
  {
    suite: 'memory',
    figure: 'page JS heap after a 500-offer shift, after GC',
    measured: (r) => fmt(field(r, 'page_heap_mb'), 1, 'MB'),
    goal: '≤ 10 MB',
    floor: (r) => `before the shift: ${fmt(field(r, 'page_heap_floor_mb'), 1, 'MB')}`,
    met: (r) => below(field(r, 'page_heap_mb'), 10),
  },
  {
    suite: 'memory',
    figure: 'host RSS, account mode, no embedded emulator',
    measured: (r) => fmt(field(r, 'host_rss_mb'), 0, 'MB'),
    goal: 'reported',
    floor: (r) => `before the shift: ${fmt(field(r, 'host_rss_floor_mb'), 0, 'MB')}`,
  },
];

const verdict = (met: boolean | undefined) => (met === undefined ? null : met ? 'yes' : 'no');

/** The main table and, below it, where each suite's figures were taken. */
export function renderMainTable(latest: Map<string, ResultLine>): string {
  const rows = ROWS.map((row) => {
    const line = latest.get(row.suite);
    if (!line) return [row.suite, row.figure, 'not measured yet', row.goal, null, null];
    return [row.suite, row.figure, row.measured(line), row.goal, row.floor?.(line) ?? null, verdict(row.met?.(line))];
  });
  const suites = [...new Set(ROWS.map((r) => r.suite))].filter((s) => latest.has(s));
  const sources = suites.map((s) => `- \`${s}\`: ${provenance(latest.get(s)!)}`).join('\n');
  return `${markdownTable(['suite', 'figure', 'measured', 'goal', 'floor (same run)', 'met'], rows)}\n\nTaken:\n${sources}`;
}

/** The fleet table: one row per (mode, N) found in the latest fleet line. */
export function renderFleetTable(line: ResultLine | undefined): string {
  if (!line) return '_`npm run bench -- fleet` has not been run yet._';
  const configs = Object.keys(line)
    .map((k) => /^(subscribe|poll)_(\d+)_connected_hosts$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ mode: m[1]!, n: Number(m[2]) }))
    .sort((a, b) => a.n - b.n || a.mode.localeCompare(b.mode));
  const rows = configs.map(({ mode, n }) => {
    const f = (name: string) => field(line, `${mode}_${n}_${name}`);
    const p = `${mode}_${n}_`;
    const dropped = f('drop_sockets_dropped');
    const drop =
      dropped === undefined
        ? null
        : `${fmt(f('drop_hosts_back'), 0)} of ${n} back${f('drop_all_back_s') !== undefined ? ` (last after ${fmt(f('drop_all_back_s'), 1)} s, median ${fmt(f('drop_median_back_s'), 1)} s)` : ''}; peak ${fmt(f('drop_peak_requests_per_s'), 0)} req/s; ${fmt(f('drop_rest_per_agent'), 1)} REST per agent; ${fmt(f('drop_429s'), 0)} × 429`;
    return [
      mode,
      String(n),
      `${fmt(f('connected_hosts'), 0)} of ${n}${f('connect_all_s') !== undefined ? ` in ${fmt(f('connect_all_s'), 0)} s` : ''}`,
      latency(line, `${p}offer_to_host`, 'ms', 1),
      `${fmt(f('idle_rest_per_agent_min'), 1)} / ${fmt(f('busy_rest_per_agent_min'), 1)}`,
      fmt(f('eventbridge_connections'), 0),
      `${fmt(f('idle_emulator_cpu_ms_per_agent_min'), 1)} / ${fmt(f('busy_emulator_cpu_ms_per_agent_min'), 1)}`,
      drop,
    ];
  });
  const table = markdownTable(
    ['mode', 'agents', 'connected', 'offer → host', 'REST requests per agent per minute, idle / busy', 'EventBridge sockets held', 'emulator CPU ms per agent-minute, idle / busy', 'every socket dropped at once'],
    rows,
  );
  return `${table}\n\nGoals: poll mode ≤ 30 REST requests per agent per minute while idle; subscribe mode 0 polls while the socket is healthy.\nTaken: ${provenance(line)}.`;
}
