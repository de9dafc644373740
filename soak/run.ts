/**
 * `npm run soak [-- --offers N] [-- --no-faults]`: a compressed shift against
 * the emulator; prints one JSON report and appends it (with the commit and the
 * machine) to soak/results/soak.jsonl. Exits 1 when a goal is missed.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from '../e2e/support/renderer-build';
import { runShift } from './shift';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const offers = Number(flag('--offers') ?? 520);
if (!Number.isInteger(offers) || offers < 8 || offers > 5_000) {
  console.error('--offers takes a whole number from 8 to 5000');
  process.exit(2);
}

buildRenderer();
const report = await runShift({
  offers,
  reservationTimeoutSeconds: 10,
  tokenTtlSeconds: 60,
  capacity: 3,
  faults: !args.includes('--no-faults'),
  log: (line) => console.error(`soak: ${line}`),
});
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();
const line = { suite: 'soak', date: new Date().toISOString(), commit, node: process.version, cores: cpus().length, loadavg: loadavg().map((n) => Math.round(n * 100) / 100), offersRequested: offers, ...report };
console.log(JSON.stringify(line));
mkdirSync(path.join(here, 'results'), { recursive: true });
appendFileSync(path.join(here, 'results', 'soak.jsonl'), `${JSON.stringify(line)}\n`);
process.exit(Object.values(report.goals).every(Boolean) ? 0 : 1);
