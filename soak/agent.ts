import type { Locator, Page } from 'playwright-core';

/**
 * The agent at the keyboard, as the soak plays it: every action goes through
 * the real UI (a click or a shortcut), one at a time, as one person works.
 * Cards are found by `data-sid`; what an action does is checked by the soak
 * against the emulator, not here.
 */
export class SoakAgent {
  private turn: Promise<unknown> = Promise.resolve();

  /** Actions that failed in the page (a button that never became clickable…), for the report. */
  readonly failures: string[] = [];

  /** Every action, when it started and ended (ms since the shift began), to explain a problem in the report. */
  readonly actions: { what: string; sid: string; startedMs: number; endedMs: number | null }[] = [];

  constructor(
    private readonly page: Page,
    private readonly began = Date.now(),
  ) {}

  /** The actions that overlapped the last `windowMs` before now, oldest first, as one line. */
  recentActions(windowMs: number): string {
    const since = Date.now() - this.began - windowMs;
    return this.actions
      .filter((a) => (a.endedMs ?? Infinity) >= since)
      .map((a) => `${a.what} ${a.sid} ${(a.startedMs / 1000).toFixed(1)}–${a.endedMs === null ? '…' : (a.endedMs / 1000).toFixed(1)} s`)
      .join('; ');
  }

  card(sid: string): Locator {
    return this.page.locator(`[data-sid="${sid}"]`);
  }

  /** Waits until the offer shows as pending; false if it never did in time. */
  async seesOffer(sid: string, timeoutMs: number): Promise<boolean> {
    try {
      await this.page.locator(`[data-sid="${sid}"][data-status="pending"]`).waitFor({ state: 'visible', timeout: timeoutMs });
      return true;
    } catch {
      return false;
    }
  }

  /** Waits until the card shows `status`; false if it never did in time. */
  async seesStatus(sid: string, status: string, timeoutMs: number): Promise<boolean> {
    try {
      await this.page.locator(`[data-sid="${sid}"][data-status="${status}"]`).waitFor({ state: 'attached', timeout: timeoutMs });
      return true;
    } catch {
      return false;
    }
  }

  /** The card says an answer to it is on its way ("Accepting…"): a person waits for it. */
  async seesBusy(sid: string): Promise<boolean> {
    return (await this.page.locator(`[data-sid="${sid}"][aria-busy="true"]`).count()) > 0;
  }

  /** The card shows an error from the last action on it. */
  async seesError(sid: string): Promise<boolean> {
    return (await this.card(sid).getByRole('alert').count()) > 0;
  }

  acceptByClick(sid: string): Promise<void> {
    return this.act('acceptByClick', sid, () => this.card(sid).getByRole('button', { name: /^Accept/ }).click());
  }

  /** Selects the card (a click on it), then the accept shortcut. */
  acceptByKey(sid: string): Promise<void> {
    return this.act('acceptByKey', sid, async () => {
      await this.select(sid);
      await this.page.keyboard.press('Control+Shift+A');
    });
  }

  /** The card's Reject ("Reject call from …"), not its "Reject, then…". */
  reject(sid: string): Promise<void> {
    return this.act('reject', sid, () => this.card(sid).getByRole('button', { name: /^Reject \S+ from / }).click());
  }

  /** "Reject, then…" and the activity: one click rejects and moves the worker. */
  rejectTo(sid: string, activityName: string): Promise<void> {
    return this.act(`rejectTo ${activityName}`, sid, async () => {
      const toggle = this.card(sid).getByRole('button', { name: /^Reject, then…/ });
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await this.card(sid).getByRole('button', { name: new RegExp(`, then ${activityName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
    });
  }

  /** Wrap up: the card's button, or select it and the wrap/complete shortcut. */
  wrap(sid: string, byKey: boolean): Promise<void> {
    return byKey ? this.byShortcut('wrapByKey', sid, 'Control+Shift+E') : this.act('wrapByClick', sid, () => this.card(sid).getByRole('button', { name: /^Wrap up/ }).click());
  }

  /** Complete a wrapping task: the card's button, or select it and the wrap/complete shortcut again. */
  complete(sid: string, byKey: boolean): Promise<void> {
    return byKey ? this.byShortcut('completeByKey', sid, 'Control+Shift+E') : this.act('completeByClick', sid, () => this.card(sid).getByRole('button', { name: /^Complete/ }).click());
  }

  private byShortcut(what: string, sid: string, keys: string): Promise<void> {
    return this.act(what, sid, async () => {
      await this.select(sid);
      await this.page.keyboard.press(keys);
    });
  }

  private async select(sid: string): Promise<void> {
    // A click on the card itself (its top-left corner, clear of the buttons) selects it.
    await this.card(sid).click({ position: { x: 4, y: 4 } });
  }

  /** One action at a time, like one person; a failed action is the soak's to notice, not a crash. */
  private act(what: string, sid: string, action: () => Promise<unknown>): Promise<void> {
    const next = this.turn.then(() => {
      const entry = { what, sid, startedMs: Date.now() - this.began, endedMs: null as number | null };
      this.actions.push(entry);
      return action().finally(() => (entry.endedMs = Date.now() - this.began)).then(
        () => undefined,
        (e: unknown) => void this.failures.push((e instanceof Error ? e.message : String(e)).split('\n').filter((l) => /Timeout|intercepts|not visible|not stable|detached|waiting for/.test(l)).slice(-3).join(' | ')),
      );
    });
    this.turn = next;
    return next;
  }
}
