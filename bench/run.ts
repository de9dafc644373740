/**
 * `npm run bench` runs every registered suite but the on-request ones (fleet);
 * `npm run bench -- <name> [<name>...]` runs the named ones. Each suite prints exactly
 * one JSON object line to stdout (logs go to stderr) and appends the same line to
 * bench/results/<suite>.jsonl, with the commit, the machine and its load (`--no-record`
 * prints only). BENCH_NOTE="…" adds a note to the lines (e.g. "shared machine, under load").
 * A benchmark, not a test: it reports numbers and fails only when a suite cannot run
 * (or, for the emulator suite, when an answer was not 2xx).
 */
import { beginRun, recordResult } from './support/run-context';
import { ON_REQUEST, suites } from './suites/index';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const record = !args.includes('--no-record');
  const requested = args.filter((arg) => !arg.startsWith('-'));
  const unknown = requested.filter((name) => !(name in suites));
  if (unknown.length > 0) {
    console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}`);
    return 2;
  }
  let failed = false;
  const names = requested.length > 0 ? requested : Object.keys(suites).filter((name) => !ON_REQUEST.has(name));
  for (const name of names) {
    const run = beginRun();
    try {
      const metrics = await suites[name]!();
      const line = { suite: name, ...metrics, run: run.finish() };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      if (record) console.error(`bench: appended to ${recordResult(name, line)}`);
    } catch (error) {
      failed = true;
      console.error(`bench suite "${name}" failed:`, error);
    }
  }
  return failed ? 1 : 0;
}

// Exit explicitly: twilio-taskrouter's Worker keeps its heartbeat interval and its
// token-expiry timer alive after disconnect(), so a suite that ran the SDK would
// otherwise keep the process open after its numbers are printed.
process.exit(await main());
