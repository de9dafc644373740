import os from 'node:os';
import autocannon from 'autocannon';
import { processCpuMs } from '../support/process-cpu';
import { spawnEmulator } from '../support/spawn-emulator';

const connections = 50;
const durationSeconds = 5;

/**
 * Reservation fetch throughput: the emulator runs in its own process; one reservation is
 * created through the admin API, then fetched over 50 concurrent keep-alive connections.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the emulator there (open it in Chrome
 * DevTools) to see where the time goes.
 */
export async function emulatorSuite(): Promise<Record<string, number>> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const emulator = await spawnEmulator({ nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
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
    // One unreported second first, so JIT warm-up does not land in the measured p99.
    await autocannon({ url: reservationUrl, connections, duration: 1, headers: { authorization } });
    const cpuBefore = processCpuMs(emulator.pid);
    const result = await autocannon({ url: reservationUrl, connections, duration: durationSeconds, headers: { authorization } });
    const cpuAfter = processCpuMs(emulator.pid);
    if (result.non2xx > 0 || result.errors > 0) console.error(`warning: ${result.non2xx} non-2xx responses, ${result.errors} errors during the run`);
    return {
      emulator_fetch_rps: Math.round(result.requests.average),
      emulator_fetch_p50_ms: result.latency.p50,
      emulator_fetch_p99_ms: result.latency.p99,
      connections,
      duration_s: result.duration,
      requests_total: result['2xx'],
      errors: result.errors + result.non2xx,
      // CPU the emulator spent per request: 1e6 / this is its single-core ceiling in req/s,
      // a number that holds even when other processes compete for the cores.
      ...(cpuBefore !== undefined && cpuAfter !== undefined && result['2xx'] > 0 ? { emulator_cpu_us_per_req: Math.round(((cpuAfter - cpuBefore) * 1000) / result['2xx']) } : {}),
      load_average_1m: Number(os.loadavg()[0]!.toFixed(2)),
    };
  } finally {
    await emulator.stop();
  }
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
