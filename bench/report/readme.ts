import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from '../support/run-context';
import { replaceBetween, type ResultLine } from './format';
import { renderFleetTable, renderMainTable } from './table';

export const README = path.join(REPO_ROOT, 'README.md');

/** The last well-formed line of each results file. */
export function latestResults(dir = RESULTS_DIR): Map<string, ResultLine> {
  const latest = new Map<string, ResultLine>();
  if (!existsSync(dir)) return latest;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (const text of lines.reverse()) {
      try {
        const line = JSON.parse(text) as ResultLine;
        if (typeof line.suite === 'string') {
          latest.set(line.suite, line);
          break;
        }
      } catch {
        console.error(`bench:report: skipping a line of ${file} that is not JSON`);
      }
    }
  }
  return latest;
}

export function renderReadme(readme: string, latest: Map<string, ResultLine>): string {
  return replaceBetween(replaceBetween(readme, 'bench:table', renderMainTable(latest)), 'bench:fleet', renderFleetTable(latest.get('fleet')));
}

