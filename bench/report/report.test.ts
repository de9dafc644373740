import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latency, replaceBetween, tailOf, type ResultLine } from './format';
import { latestResults, renderReadme } from './readme';
import { renderFleetTable, renderMainTable } from './table';

const run = { commit: 'abc123', date: '2026-12-01T10:00:00Z', cores: 2, load_start: [0.3, 0.2, 0.1], load_end: [0.4, 0.2, 0.1], note: 'quiet' };

describe('latency formatting', () => {
  it('shows a p99 only when the suite reported one, and a max under its own name otherwise', () => {
    expect(latency({ suite: 'x', a_p50_ms: 1.23, a_p99_ms: 9.87, a_n: 200 }, 'a')).toBe('p50 1.2 ms, p99 9.9 ms (n 200)');
    expect(latency({ suite: 'x', a_p50_ms: 150, a_max_ms: 181, a_n: 30 }, 'a', 'ms', 0)).toBe('p50 150 ms, max 181 ms (n 30)');
    expect(latency({ suite: 'x' }, 'a')).toBeNull();
  });

  it('uses the max for a goal check when there is no p99', () => {
    expect(tailOf({ suite: 'x', a_p50_ms: 1, a_max_ms: 7, a_n: 3 }, 'a')).toBe(7);
    expect(tailOf({ suite: 'x', a_p50_ms: 1, a_p99_ms: 5, a_n: 300 }, 'a')).toBe(5);
  });
});

describe('the README tables', () => {
  it('puts each figure beside its goal and its floor, with a verdict and where it was taken', () => {
    const ui: ResultLine = { suite: 'ui', offer_to_card_1_p50_ms: 8, offer_to_card_1_p99_ms: 20.5, offer_to_card_1_n: 200, offer_to_card_1_floor_p50_ms: 2, offer_to_card_1_floor_p99_ms: 4, offer_to_card_1_floor_n: 200, run };
    const table = renderMainTable(new Map([['ui', ui]]));
    const row = table.split('\n').find((l) => l.includes('1 live offer'))!;
    expect(row).toContain('p50 8 ms, p99 20.5 ms (n 200)');
    expect(row).toContain('p99 ≤ 16.7 ms');
    expect(row).toContain('bare page on the same socket: p50 2 ms, p99 4 ms (n 200)');
    expect(row.trim().endsWith('| no |')).toBe(true);
    expect(table).toContain('- `ui`: 2026-12-01, commit abc123, load average 0.3→0.4 on 2 cores — quiet');
    expect(table.split('\n').find((l) => l.startsWith('| emulator'))).toContain('not measured yet');
  });

  it('gives no voice verdict without a real floor p99', () => {
    const voice: ResultLine = { suite: 'voice', accept_to_audio_p50_ms: 150, accept_to_audio_max_ms: 170, accept_to_audio_n: 30, floor_to_audio_p50_ms: 140, floor_to_audio_max_ms: 160, floor_to_audio_n: 30, run };
    const row = renderMainTable(new Map([['voice', voice]])).split('\n').find((l) => l.startsWith('| voice'))!;
    expect(row).toContain('max 170 ms (n 30)');
    expect(row.trim().endsWith('| — |')).toBe(true);
  });

  it('renders one fleet row per mode and size found', () => {
    const fleet: ResultLine = { suite: 'fleet', poll_100_connected_hosts: 100, poll_100_idle_rest_per_agent_min: 260, poll_100_busy_rest_per_agent_min: 270, subscribe_100_connected_hosts: 100, subscribe_100_drop_sockets_dropped: 100, subscribe_100_drop_hosts_back: 100, subscribe_100_drop_429s: 0, run };
    const table = renderFleetTable(fleet);
    expect(table.split('\n').filter((l) => /^\| (poll|subscribe) \| 100 \|/.test(l))).toHaveLength(2);
    expect(table).toContain('260 / 270');
    expect(table).toContain('100 of 100 back');
  });

  it('replaces only what lies between the markers, and refuses a document without them', () => {
    const doc = 'a\n<!-- t -->\nold\n<!-- /t -->\nb';
    expect(replaceBetween(doc, 't', 'new')).toBe('a\n<!-- t -->\nnew\n<!-- /t -->\nb');
    expect(() => replaceBetween('no markers', 't', 'x')).toThrow(/markers/);
    const readme = '# x\n<!-- bench:table -->\n<!-- /bench:table -->\n<!-- bench:fleet -->\n<!-- /bench:fleet -->\n';
    expect(renderReadme(readme, new Map())).toContain('has not been run yet');
  });

  it('reads the last line of each results file, skipping broken lines', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    writeFileSync(path.join(dir, 'ui.jsonl'), `${JSON.stringify({ suite: 'ui', v: 1 })}\n${JSON.stringify({ suite: 'ui', v: 2 })}\nnot json\n`);
    expect(latestResults(dir).get('ui')?.v).toBe(2);
  });
});
