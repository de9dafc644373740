import { readdirSync, readFileSync } from 'node:fs';
import { processCpuMs } from './process-cpu';

/**
 * The processes of this machine as /proc shows them (Linux), to attribute CPU to
 * Chromium's renderer of one page, its other processes, or a spawned process.
 */

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** The command line, arguments joined by spaces. */
  cmdline: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid, cmdline };
  } catch {
    return null;
  }
}

export function allProcesses(): ProcInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== null);
}

/** The process whose command line contains `marker` (a unique flag the bench passed), or undefined. */
export function findProcess(marker: string): ProcInfo | undefined {
  return allProcesses().find((p) => p.cmdline.includes(marker) && !p.cmdline.includes('--type='));
}

/** Every descendant of `pid` (children, their children...), not `pid` itself. */
export function descendants(pid: number): ProcInfo[] {
  const all = allProcesses();
  const found: ProcInfo[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** Chromium's process type from its command line (`--type=renderer`...); the browser process has none. */
export function chromiumType(p: ProcInfo): string {
  return /--type=([\w-]+)/.exec(p.cmdline)?.[1] ?? 'browser';
}

/** Summed CPU ms of some processes (those that ended meanwhile count as 0). */
export function cpuMsOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
}
