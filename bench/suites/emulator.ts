import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonResult } from 'autocannon';
import { processCpuMs } from '../support/process-cpu';
import { spawnEmulator } from '../support/spawn-emulator';
import { round } from '../support/stats';

const connections = 50;
const durationSeconds = 5;
const floorEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'support', 'floor-server.ts');

/**
 * Reservation fetch throughput and latency. Three processes: the emulator (spawned CLI),
 * the load generator (autocannon, in the bench process) and, for the floor, a bare
 * node:http server answering the same bytes. One reservation is created through the
 * admin API, then fetched over 50 concurrent keep-alive connections (1 s of unreported
 * warm-up, then 5 s measured); the floor gets the same. Any answer that is not 2xx, a
 * socket error or a timeout fails the suite: a fast refusal is not throughput.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the emulator there.
 */
export async function emulatorSuite(): Promise<Record<string, number>> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const emulator = await spawnEmulator({ nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
  let emulatorFigures: Record<string, number>;
  let body: string;
  try {
    const { ready } = emulator;
    const authorization = `Basic ${Buffer.from(`${ready.accountSid}:${ready.authToken}`).toString('base64')}`;
    const created = await fetch(`${ready.url}/emulator/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attributes: { type: 'bench', from: '+15550100000' } }),
    });
    if (created.status !== 201) throw new Error(`creating the bench task answered ${created.status}: ${await created.text()}`);
    const task = (await created.json()) as { sid: string };
    const reservationUrl = await firstReservationUrl(ready.url, ready.workspaceSid, task.sid, authorization);
    body = await (await fetch(reservationUrl, { headers: { authorization } })).text();
    emulatorFigures = await load('emulator_fetch', reservationUrl, { authorization }, emulator.pid);
  } finally {
    await emulator.stop();
  }
  const floor = await startFloor(body);
  try {
    const floorFigures = await load('floor_fetch', floor.url, {}, floor.pid);
    return { ...emulatorFigures, ...floorFigures, connections, duration_s: durationSeconds, response_bytes: Buffer.byteLength(body) };
  } finally {
    floor.child.kill('SIGTERM');
    await once(floor.child, 'exit');
  }
}

/** Warm-up, then the measured run; fails on anything but 2xx. */
async function load(name: string, url: string, headers: Record<string, string>, serverPid: number): Promise<Record<string, number>> {
  const warm = await autocannon({ url, connections, duration: 1, headers });
  refuseFailures(`${name} warm-up`, warm);
  const serverBefore = processCpuMs(serverPid);
  const generatorBefore = process.cpuUsage();
  const result = await autocannon({ url, connections, duration: durationSeconds, headers });
  const generator = process.cpuUsage(generatorBefore);
  const serverAfter = processCpuMs(serverPid);
  refuseFailures(name, result);
  const ok = result['2xx'];
  return {
    [`${name}_rps`]: Math.round(result.requests.average),
    [`${name}_p50_ms`]: result.latency.p50,
    // autocannon's histogram holds every request (hundreds of thousands): far above the 200 a p99 needs.
    [`${name}_p99_ms`]: result.latency.p99,
    [`${name}_max_ms`]: result.latency.max,
    [`${name}_n`]: ok,
    // CPU the server spent per request: 1e6 / this is its single-core ceiling in req/s, which holds when other work shares the cores.
    ...(serverBefore !== undefined && serverAfter !== undefined && ok > 0 ? { [`${name}_server_cpu_us_per_req`]: round(((serverAfter - serverBefore) * 1000) / ok, 1) } : {}),
    [`${name}_loadgen_cpu_us_per_req`]: ok > 0 ? round((generator.user + generator.system) / ok, 1) : 0,
  };
}

function refuseFailures(name: string, result: AutocannonResult): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts (of ${result['2xx'] + result.non2xx} answers); the figure would not be throughput`);
  }
}

async function startFloor(body: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', floorEntry], { env: { ...process.env, BENCH_FLOOR_BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, pid: child.pid!, url: `http://127.0.0.1:${Number(line)}/` };
}

/** The task is routed right away (traffic off, workers available); bounded polling until it is. */
async function firstReservationUrl(base: string, workspaceSid: string, taskSid: string, authorization: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${base}/v1/Workspaces/${workspaceSid}/Tasks/${taskSid}/Reservations`, { headers: { authorization } });
    const page = (await response.json()) as { reservations?: { url: string }[] };
    const first = page.reservations?.[0];
    if (first) return first.url;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`task ${taskSid} got no reservation within 5 s`);
}
