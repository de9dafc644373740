import { describe, expect, it } from 'vitest';
import { processCpuMs } from './process-cpu';

describe('processCpuMs', () => {
  it.runIf(process.platform === 'linux')('reads this process’s CPU time, which grows while it computes', () => {
    const before = processCpuMs(process.pid);
    expect(before).toBeGreaterThan(0);
    // Burn CPU until the kernel's 10 ms tick accounting moves (bounded by a wall-clock deadline).
    const deadline = Date.now() + 2_000;
    let after = before!;
    let spin = 0;
    while (after <= before! && Date.now() < deadline) {
      for (let i = 0; i < 1e6; i += 1) spin += Math.sqrt(i);
      after = processCpuMs(process.pid)!;
    }
    expect(spin).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before!);
  });

  it('answers undefined for a process that does not exist', () => {
    expect(processCpuMs(2 ** 30)).toBeUndefined();
  });
});
