import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

/** Where and when a result was taken: enough to tell a quiet machine's figures from a busy one's. */
export interface RunContext {
  commit: string;
  /** Uncommitted changes to code (not to bench/results or Markdown) when the suite started. */
  dirty: boolean;
  date: string;
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  /** 1, 5 and 15-minute load averages when the suite started and when it ended. */
  load_start: number[];
  load_end: number[];
  duration_s: number;
  /** BENCH_NOTE, e.g. "shared machine, under load". */
  note: string | null;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const loads = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** Starts timing a suite; `finish()` answers its context. */
export function beginRun(): { finish(): RunContext } {
  const started = Date.now();
  const load_start = loads();
  // The code that runs is the code at the start.
  const commit = git(['rev-parse', '--short=12', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', '.', ':(exclude)bench/results', ':(exclude)*.md']) !== '';
  return {
    finish: () => ({
      commit,
      dirty,
      date: new Date(started).toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.cpus().length,
      load_start,
      load_end: loads(),
      duration_s: Math.round((Date.now() - started) / 1000),
      note: process.env.BENCH_NOTE?.trim() || null,
    }),
  };
}

/** Appends one result line to bench/results/<suite>.jsonl (the files are kept in the repository). */
export function recordResult(suite: string, line: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${suite}.jsonl`);
  appendFileSync(file, `${JSON.stringify(line)}\n`);
  return file;
}
