import { describe, expect, it } from 'vitest';
import { GONE_REASON } from '../../shared/model';
import { makeReservation } from '../test-support/fixtures';
import { endedReason } from './ended-reason';

const t = ((id: string, values?: Record<string, unknown>) => `${id}${values ? JSON.stringify(values) : ''}`) as Parameters<typeof endedReason>[1];

describe('why an offer ended', () => {
  it('says a reservation TaskRouter no longer has is gone, not that TaskRouter canceled it', () => {
    const r = makeReservation();
    expect(endedReason({ ...r, status: 'canceled', endedReason: GONE_REASON }, t)).toBe('ended.gone');
    expect(endedReason({ ...r, status: 'canceled', endedReason: null }, t)).toBe('ended.canceled');
  });
});
