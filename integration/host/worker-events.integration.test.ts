import { afterEach, expect, it } from 'vitest';
import type { Worker } from '../../shared/model';
import { startHostHarness, type HostHarness } from './harness';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Every worker the host pushes must satisfy the contract: one without `available` is dropped by the
// transport ("an event outside the contract"), so the window would never learn the worker's state.
it('every worker the host pushes in subscribe mode says whether it is available', async () => {
  h = await startHostHarness({ transport: 'subscribe', manualClock: false });
  const workers = h.events.filter((e) => e.name === 'workerUpdated').map((e) => e.payload as Worker);
  expect(workers.length).toBeGreaterThan(0);
  expect(workers.map((w) => typeof w.available)).toEqual(workers.map(() => 'boolean'));
});
