import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MAX_WORKERS } from './domain/seed';
import type { EmulatorOptions } from './index';

/**
 * The CLI's flags, parsed and checked. Answers options or a message for the
 * user (the CLI prints it and exits 2).
 */

export const USAGE = `Usage: npm run emulator -- [options]

  --port <n>                   TCP port (default 3000; 0 picks a free one)
  --host <addr>                Address to bind (default 127.0.0.1)
  --traffic off|demo           Simulated inbound calls and colleagues (default demo)
  --reservation-timeout <s>    Workflow TaskReservationTimeout in seconds, 1-86400 (default 120)
  --workers <n>                Number of workers, 1-1000 (default 3)
  --clock-speed <x>            Simulated clock speed; 1 = real time (default 1)
  --manual-clock               Time moves only through POST /emulator/clock
  --seed <n>                   Reproducible SIDs and traffic
  --log                        Log every request to stderr
  --allowed-host <name>        Also answer requests whose Host is this name (name or name:port; repeatable).
                               By default only 127.0.0.1, localhost and [::1] on the emulator's own port.
  --callback-host <name>       Also allow assignment/event callback URLs on this host (repeatable).
                               By default callbacks go to loopback addresses only.
  --require-admin-secret       Lock /emulator/* behind a random per-launch secret (printed in the ready line
                               as adminSecret; send it as Authorization: Bearer <secret>). Off by default:
                               the CLI listens on loopback only and refuses foreign Host headers.
  --help                       Show this help`;

const HOST_NAME = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(:\d{1,5})?$/;

export type CliParse = { ok: true; options: EmulatorOptions } | { ok: false; message: string; help?: boolean };

const intIn = (name: string, raw: string | undefined, min: number, max: number): number | string => {
  if (raw === undefined) return `--${name} needs a value`;
  if (!/^\d+$/.test(raw)) return `--${name} must be a whole number from ${min} to ${max} (got "${raw}")`;
  const n = Number(raw);
  return n >= min && n <= max ? n : `--${name} must be a whole number from ${min} to ${max} (got ${raw})`;
};

export function parseCliArgs(argv: string[]): CliParse {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        traffic: { type: 'string' },
        'reservation-timeout': { type: 'string' },
        workers: { type: 'string' },
        'clock-speed': { type: 'string' },
        'manual-clock': { type: 'boolean' },
        seed: { type: 'string' },
        log: { type: 'boolean' },
        'allowed-host': { type: 'string', multiple: true },
        'callback-host': { type: 'string', multiple: true },
        'require-admin-secret': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values['help']) return { ok: false, message: USAGE, help: true };
  const options: EmulatorOptions = { port: 3000, host: '127.0.0.1', traffic: 'demo' };
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (str('port') !== undefined) {
    const port = intIn('port', str('port'), 0, 65535);
    if (typeof port === 'string') return { ok: false, message: port };
    options.port = port;
  }
  if (str('host') !== undefined) {
    if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(str('host')!)) return { ok: false, message: `--host must be an address such as 127.0.0.1 (got "${str('host')}")` };
    options.host = str('host')!;
  }
  if (str('traffic') !== undefined) {
    if (str('traffic') !== 'off' && str('traffic') !== 'demo') return { ok: false, message: `--traffic must be off or demo (got "${str('traffic')}")` };
    options.traffic = str('traffic') as 'off' | 'demo';
  }
  if (str('reservation-timeout') !== undefined) {
    const t = intIn('reservation-timeout', str('reservation-timeout'), 1, 86_400);
    if (typeof t === 'string') return { ok: false, message: t };
    options.reservationTimeoutSeconds = t;
  }
  if (str('workers') !== undefined) {
    const w = intIn('workers', str('workers'), 1, MAX_WORKERS);
    if (typeof w === 'string') return { ok: false, message: w };
    options.workers = w;
  }
  if (str('clock-speed') !== undefined) {
    const raw = str('clock-speed')!;
    const speed = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(speed > 0 && speed <= 10_000)) return { ok: false, message: `--clock-speed must be a number above 0 and at most 10000 (got "${raw}")` };
    options.clockSpeed = speed;
  }
  if (values['manual-clock']) options.manualClock = true;
  if (str('seed') !== undefined) {
    const seed = intIn('seed', str('seed'), 0, 4_294_967_295);
    if (typeof seed === 'string') return { ok: false, message: seed };
    options.seed = seed;
  }
  if (values['log']) options.logger = true;
  for (const [flag, key] of [['allowed-host', 'allowedHosts'], ['callback-host', 'callbackHosts']] as const) {
    const names = values[flag];
    if (!Array.isArray(names)) continue;
    const bad = names.find((name) => !HOST_NAME.test(name));
    if (bad !== undefined) return { ok: false, message: `--${flag} must be a host name such as emulator.example or emulator.example:8080 (got "${bad}")` };
    options[key] = names.map((name) => name.toLowerCase());
  }
  if (values['require-admin-secret']) options.adminSecret = randomBytes(24).toString('base64url');
  return { ok: true, options };
}
