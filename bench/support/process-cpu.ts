import { readFileSync } from 'node:fs';

/** Linux reports process CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel config. */
const ticksPerSecond = 100;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; undefined
 * where /proc is not available. It lets the benchmark report CPU cost per request, which
 * stays meaningful when other work shares the machine and throughput numbers do not.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may contain spaces): utime is the 14th field overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / ticksPerSecond : undefined;
  } catch {
    return undefined;
  }
}
