import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

describe('errors slice', () => {
  it('keeps errors by the control that caused them', () => {
    const store = createAppStore();
    store.getState().setError('WR1:accept', { code: 'reservation_expired', message: 'x' });
    store.getState().setError('activity', { code: 'network', message: 'y' });
    store.getState().clearError('WR1:accept');
    expect(Object.keys(store.getState().errorsByTarget)).toEqual(['activity']);
  });
});
