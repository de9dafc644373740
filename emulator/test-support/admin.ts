import type { EmulatorReadyInfo } from './emulator-ready';

/** Body of POST /emulator/tasks. */
export interface AdminTaskInput {
  attributes: Record<string, unknown>;
  priority?: number;
  taskChannel?: string;
  timeout?: number;
}

/** Body of POST /emulator/faults. */
export interface AdminFaults {
  latencyMs?: number;
  status?: number;
  rate?: number;
  rateLimit?: { retryAfterSeconds: number; count?: number };
  drop?: boolean;
  pathPrefix?: string;
  times?: number;
}

/** A reservation in the state dump; `instruction` holds the PascalCase params as received. */
export interface DumpedReservation {
  sid: string;
  status?: string;
  reservation_status?: string;
  instruction?: { name: string; params: Record<string, unknown> } | null;
  [key: string]: unknown;
}

export interface AdminResponse<T> {
  status: number;
  body: T;
}

/** A small typed client for the emulator's admin API (JSON, no auth, outside Twilio's paths). */
export interface AdminClient {
  ready(): Promise<AdminResponse<EmulatorReadyInfo>>;
  reset(): Promise<AdminResponse<unknown>>;
  createTask(input: AdminTaskInput): Promise<AdminResponse<{ sid: string; [key: string]: unknown }>>;
  traffic(mode: 'off' | 'demo'): Promise<AdminResponse<unknown>>;
  setFaults(faults: AdminFaults): Promise<AdminResponse<unknown>>;
  clearFaults(): Promise<AdminResponse<unknown>>;
  clock(): Promise<AdminResponse<{ now?: number; [key: string]: unknown }>>;
  advanceClock(ms: number): Promise<AdminResponse<{ now?: number; [key: string]: unknown }>>;
  state(): Promise<AdminResponse<Record<string, unknown>>>;
  /** Finds one reservation in the state dump, wherever the dump nests it. */
  reservation(sid: string): Promise<DumpedReservation | undefined>;
}

/** The headers an admin request needs: the bearer secret when the emulator was started with `adminSecret`. */
export function adminHeaders(ready: { adminSecret?: string | undefined }): Record<string, string> {
  return ready.adminSecret ? { authorization: `Bearer ${ready.adminSecret}` } : {};
}

export function admin(ready: Pick<EmulatorReadyInfo, 'url'> & { adminSecret?: string | undefined }): AdminClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<AdminResponse<T>> => {
    const response = await fetch(`${ready.url}${path}`, {
      method,
      headers: { ...adminHeaders(ready), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const client: AdminClient = {
    ready: () => call('GET', '/emulator/ready'),
    reset: () => call('POST', '/emulator/reset', {}),
    createTask: (input) => call('POST', '/emulator/tasks', input),
    traffic: (mode) => call('POST', '/emulator/traffic', { mode }),
    setFaults: (faults) => call('POST', '/emulator/faults', faults),
    clearFaults: () => call('DELETE', '/emulator/faults'),
    clock: () => call('GET', '/emulator/clock'),
    advanceClock: (ms) => call('POST', '/emulator/clock', { advanceMs: ms }),
    state: () => call('GET', '/emulator/state'),
    reservation: async (sid) => findBySid((await client.state()).body, sid),
  };
  return client;
}

/** Depth-first search of a JSON dump for the object whose `sid` is `sid` (bounded by the dump's size). */
function findBySid(node: unknown, sid: string): DumpedReservation | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findBySid(item, sid);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.sid === sid) return record as DumpedReservation;
  for (const value of Object.values(record)) {
    const found = findBySid(value, sid);
    if (found) return found;
  }
  return undefined;
}
