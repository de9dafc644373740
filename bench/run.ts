/**
 * `npm run bench` runs every registered suite; `npm run bench -- <name> [<name>...]` runs
 * the named ones. Each suite prints exactly one JSON object line to stdout (logs go to stderr).
 * A benchmark, not a test: it reports numbers and fails only when a suite cannot run.
 */
import { suites } from './suites/index';

async function main(): Promise<number> {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = requested.filter((name) => !(name in suites));
  if (unknown.length > 0) {
    console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}`);
    return 2;
  }
  let failed = false;
  for (const name of requested.length > 0 ? requested : Object.keys(suites)) {
    try {
      const metrics = await suites[name]!();
      process.stdout.write(`${JSON.stringify({ suite: name, ...metrics })}\n`);
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
