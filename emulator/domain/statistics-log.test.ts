import { describe, expect, it } from 'vitest';
import { MAX_STATISTICS_FACTS, STATISTICS_RETENTION_MS, StatisticsLog } from './statistics-log';

describe('the statistics history', () => {
  it('never keeps more than MAX_STATISTICS_FACTS facts: the oldest go first', () => {
    let now = 0;
    const log = new StatisticsLog(() => now);
    for (let i = 0; i < MAX_STATISTICS_FACTS * 2 + 123; i++) {
      now++;
      log.activityEnded('WK1', 'WA1', now - 1);
      if (i % 997 === 0) expect(log.size).toBeLessThanOrEqual(MAX_STATISTICS_FACTS);
    }
    const kept = [...log.all()];
    expect(kept).toHaveLength(MAX_STATISTICS_FACTS);
    expect(kept.at(-1)!.at).toBe(now);
    expect(kept[0]!.at).toBe(now - MAX_STATISTICS_FACTS + 1);
  });

  it('forgets facts older than the 30 days Twilio keeps statistics for', () => {
    let now = 1_000;
    const log = new StatisticsLog(() => now);
    log.activityEnded('WK1', 'WA1', 0);
    now += STATISTICS_RETENTION_MS;
    log.activityEnded('WK1', 'WA2', now - 10);
    expect([...log.all()].map((f) => (f.kind === 'activity' ? f.activitySid : ''))).toEqual(['WA1', 'WA2']);
    now += 1;
    log.activityEnded('WK1', 'WA3', now - 1);
    expect([...log.all()].map((f) => (f.kind === 'activity' ? f.activitySid : ''))).toEqual(['WA2', 'WA3']);
  });

  it('records no zero-length activity stint, and clear() forgets everything', () => {
    const log = new StatisticsLog(() => 50);
    log.activityEnded('WK1', 'WA1', 50);
    expect(log.size).toBe(0);
    log.activityEnded('WK1', 'WA1', 10);
    log.tracks.set('WT1', { workflowSid: 'WW', queueSid: null, channelSid: 'TC', createdAt: 0, queueEnteredAt: null });
    log.clear();
    expect(log.size).toBe(0);
    expect(log.tracks.size).toBe(0);
  });
});
