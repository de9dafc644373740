import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from './disposable';

describe('DisposableStore', () => {
  it('disposes everything once, newest first, even when one fails', () => {
    const store = new DisposableStore();
    const order: string[] = [];
    store.addCleanup(() => order.push('first'));
    store.add(toDisposable(() => {
      throw new Error('boom');
    }));
    store.addCleanup(() => order.push('last'));
    expect(() => store.dispose()).toThrow(AggregateError);
    expect(order).toEqual(['last', 'first']);
    store.dispose();
    expect(order).toEqual(['last', 'first']);
  });

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = false;
    store.addCleanup(() => (disposed = true));
    expect(disposed).toBe(true);
  });
});
