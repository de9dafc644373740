/** Polls a condition until it holds or the deadline passes (tests only; never a fixed sleep). */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
