/**
 * `npm run bench:report`: rewrites the README's benchmark tables from the latest line of
 * each bench/results/<suite>.jsonl (between the `bench:table` and `bench:fleet` markers).
 * `--check` only says whether the README is current (exit 1 when it is not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { latestResults, README, renderReadme } from './report/readme';

const current = readFileSync(README, 'utf8');
const next = renderReadme(current, latestResults());
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md benchmark tables are not the latest results: run npm run bench:report');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(README, next);
  console.error('bench:report: README.md updated');
} else {
  console.error('bench:report: README.md already current');
}
