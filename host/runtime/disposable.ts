/**
 * Lifetimes made explicit, after VS Code's `Disposable`/`DisposableStore`:
 * whatever a session starts (a timer, a socket, a subscription, a child
 * object) is added to the store that owns it, and disposing the owner
 * disposes everything it holds, in reverse order, exactly once. A test
 * (integration/host/leaks.integration.test.ts) checks that a stopped host leaves
 * no timer, socket or listener behind.
 */
export interface Disposable {
  dispose(): void;
}

export const toDisposable = (dispose: () => void): Disposable => ({ dispose });

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Holds `item` until the store is disposed; added to a disposed store, it is disposed at once. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Holds a cleanup function (an unsubscribe, a clearTimeout). */
  addCleanup(cleanup: () => void): void {
    this.add(toDisposable(cleanup));
  }

  /** Disposes everything, newest first; one failing item does not keep the others alive. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'Some resources failed to dispose');
  }
}
