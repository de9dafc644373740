/** A result line as bench/run.ts writes it: the suite's flat fields plus `run` (where and when). */
export type ResultLine = Record<string, unknown> & { suite: string; run?: RunInfo };

export interface RunInfo {
  commit?: string;
  dirty?: boolean;
  date?: string;
  cores?: number;
  load_start?: number[];
  load_end?: number[];
  note?: string | null;
}

const numberFormat = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** A field as a number, or undefined when the line does not have it. */
export function field(line: ResultLine | undefined, name: string): number | undefined {
  const value = line?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function fmt(value: number | undefined, digits = 1, unit = ''): string | null {
  if (value === undefined) return null;
  return `${numberFormat(digits).format(value)}${unit ? ` ${unit}` : ''}`;
}

/**
 * A latency series as the stats helper names its fields: "p50 X ms, p99 Y ms (n N)" when
 * there is a p99, else "p50 X ms, max Y ms (n N)" — a maximum is never shown as a p99.
 */
export function latency(line: ResultLine | undefined, name: string, unit = 'ms', digits = 1): string | null {
  const p50 = field(line, `${name}_p50_${unit}`);
  const p99 = field(line, `${name}_p99_${unit}`);
  const max = field(line, `${name}_max_${unit}`);
  const n = field(line, `${name}_n`);
  if (p50 === undefined) return null;
  const tail = p99 !== undefined ? `p99 ${fmt(p99, digits)} ${unit}` : max !== undefined ? `max ${fmt(max, digits)} ${unit}` : null;
  return `p50 ${fmt(p50, digits)} ${unit}${tail ? `, ${tail}` : ''}${n !== undefined ? ` (n ${fmt(n, 0)})` : ''}`;
}

/** The p99 of a series, else its maximum (which bounds the p99 from above, so it can show a goal met, never hide a miss). */
export function tailOf(line: ResultLine | undefined, name: string, unit = 'ms'): number | undefined {
  return field(line, `${name}_p99_${unit}`) ?? field(line, `${name}_max_${unit}`);
}

/** Where and when a line was taken, in one sentence. */
export function provenance(line: ResultLine): string {
  const run = line.run ?? {};
  const date = run.date ? run.date.slice(0, 10) : 'unknown date';
  const load = run.load_start?.[0] !== undefined ? `load average ${fmt(run.load_start[0], 1)}→${fmt(run.load_end?.[0], 1) ?? '?'} on ${run.cores ?? '?'} cores` : 'load unknown';
  return `${date}, commit ${run.commit ?? 'unknown'}${run.dirty ? ' (uncommitted changes)' : ''}, ${load}${run.note ? ` — ${run.note}` : ''}`;
}

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` (markers kept); refuses when they are missing. */
export function replaceBetween(document: string, name: string, content: string): string {
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`the markers ${start} … ${end} are missing from the document`);
  return `${document.slice(0, from + start.length)}\n${content.trim()}\n${document.slice(to)}`;
}

/** A Markdown table; null cells print as "—". */
export function markdownTable(header: string[], rows: (string | null)[][]): string {
  const cell = (value: string | null) => (value ?? '—').replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}
