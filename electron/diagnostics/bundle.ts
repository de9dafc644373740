import { strToU8, zipSync } from 'fflate';
import type { Snapshot } from '../../shared/model';
import type { Host } from '../../host/types';
import { createRedactor, redactValue, REMOVED } from './redact';

/** A crash dump on disk, listed by name (never included: a minidump holds raw memory, secrets included). */
export interface CrashDumpEntry {
  name: string;
  bytes: number;
  modified: string;
}

export interface DiagnosticsSources {
  createdAt: Date;
  /** App, Electron, Chromium, Node, OS. */
  versions: Record<string, string>;
  host: Pick<Host, 'handlers' | 'endpoints' | 'pendingCount'> | null;
  /** Recent log lines (JSON per line). */
  logs: readonly string[];
  /** The desktop's own state: global shortcuts, updates, crash reporting. */
  desktop: Record<string, unknown>;
  crashDumps: readonly CrashDumpEntry[];
  /** Every secret value the app holds right now (stored secret, secrets from the environment, the demo's key). */
  knownSecrets: readonly (string | null | undefined)[];
}

const README = `Agent Desktop diagnostics

versions.json     the app, Electron, Chromium, Node and the OS
settings.json     the connection settings (no secret: only whether one is stored) and the desktop's own settings
connection.json   the connection to TaskRouter, the worker's activity, the reservations by status (no caller
                  names, numbers or task attributes), the endpoints in use
logs.jsonl        the most recent log lines
crash-dumps.json  the crash dumps on this computer, by name (the dumps themselves are not included: they hold
                  raw memory; send one only if support asks, from the folder named in versions.json)

Removed from every file before it was written: the stored secret and any secret from the environment, anything
shaped like an Access Token (JWT), Authorization values, 32-hex strings (auth tokens), every URL query value and
fragment, and every value under a key naming a secret or token. Removed values read ${REMOVED}.
`;

/** What support needs of a reservation: no caller, topic or attributes (customer data). */
function reservationFacts(snapshot: Snapshot) {
  return snapshot.reservations.map((r) => ({
    sid: r.sid,
    status: r.status,
    channel: r.task.channel,
    queue: r.task.queueName,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
    endedReason: r.endedReason,
  }));
}

async function hostFacts(host: DiagnosticsSources['host']) {
  if (!host) return { settings: null, connection: { host: 'not started' } };
  const [settings, snapshot] = await Promise.all([host.handlers.getSettings({}), host.handlers.getSnapshot({})]);
  const snap = snapshot.ok ? snapshot.value : null;
  return {
    settings: settings.ok ? settings.value : { error: settings.error.code },
    connection: snap
      ? {
          epoch: snap.epoch,
          connection: snap.connection,
          worker: snap.worker ? { sid: snap.worker.sid, activity: snap.worker.activityName, available: snap.worker.available } : null,
          activities: snap.activities.length,
          pendingOffers: host.pendingCount(),
          reservations: reservationFacts(snap),
          endpoints: host.endpoints(),
        }
      : { error: snapshot.ok ? null : snapshot.error.code },
  };
}

/**
 * The diagnostics bundle as zip bytes. Every file goes through one redactor on
 * its way in (`add`), so no file can skip it; the caller saves the bytes where
 * the agent chose.
 */
export async function buildDiagnosticsBundle(sources: DiagnosticsSources): Promise<Uint8Array> {
  const redact = createRedactor(sources.knownSecrets);
  const files: Record<string, Uint8Array> = {};
  const add = (name: string, text: string) => void (files[name] = strToU8(redact(text)));
  const json = (name: string, value: unknown) => add(name, `${JSON.stringify(redactValue(value, redact), null, 2)}\n`);

  // Diagnostics matter most when something is broken: a host that fails to answer is recorded, not fatal.
  const facts = await hostFacts(sources.host).catch((error: unknown) => ({
    settings: { error: error instanceof Error ? error.message : String(error) },
    connection: { error: error instanceof Error ? error.message : String(error) },
  }));
  add('README.txt', README);
  json('versions.json', { createdAt: sources.createdAt.toISOString(), ...sources.versions });
  json('settings.json', { connection: facts.settings, desktop: sources.desktop });
  json('connection.json', facts.connection);
  add('logs.jsonl', sources.logs.map((line) => JSON.stringify(redactValue(parseLine(line), redact))).join('\n') + '\n');
  json('crash-dumps.json', sources.crashDumps);
  return zipSync(files, { level: 6, mtime: sources.createdAt });
}

/** A log line as JSON (so keys naming secrets are caught), or as text when it is not JSON. */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return line;
  }
}
