/**
 * The simulated clock every lifecycle timer goes through (reservation timeouts,
 * task TTLs, demo traffic), so tests can make a 120 s timeout pass in a
 * millisecond. Two modes:
 *  - real: time flows with the wall clock multiplied by `speed`; timers are
 *    real `setTimeout`s scaled by the speed;
 *  - manual: time moves only through `advance(ms)`, which fires due timers in
 *    order, synchronously.
 * `advance` works in both modes (in real mode it jumps ahead).
 */

export type TimerId = number;

interface Timer {
  id: TimerId;
  dueAt: number;
  fn: () => void;
  /** The real timeout backing this timer in real mode. */
  handle: ReturnType<typeof setTimeout> | null;
}

export interface ClockOptions {
  manual?: boolean;
  speed?: number;
  /** Where simulated time starts (ms); defaults to the wall clock. */
  startAt?: number;
  /** The wall clock; injectable for tests of the clock itself. */
  wallNow?: () => number;
}

const MAX_SPEED = 10_000;
/** setTimeout cannot wait longer than this (2^31-1 ms); longer timers re-arm. */
const MAX_REAL_DELAY = 2_147_483_647;

export class SimClock {
  private readonly manual: boolean;
  private speed: number;
  private readonly wallNow: () => number;
  /** Simulated time at the last re-anchoring, and the wall time then. */
  private anchorSim: number;
  private anchorWall: number;
  private readonly timers = new Map<TimerId, Timer>();
  private nextId = 1;

  constructor(options: ClockOptions = {}) {
    this.manual = options.manual ?? false;
    this.wallNow = options.wallNow ?? Date.now;
    this.speed = clampSpeed(options.speed ?? 1);
    this.anchorWall = this.wallNow();
    this.anchorSim = options.startAt ?? this.anchorWall;
  }

  get isManual(): boolean {
    return this.manual;
  }

  get currentSpeed(): number {
    return this.speed;
  }

  now(): number {
    if (this.manual) return this.anchorSim;
    return Math.floor(this.anchorSim + (this.wallNow() - this.anchorWall) * this.speed);
  }

  setTimer(delayMs: number, fn: () => void): TimerId {
    const id = this.nextId++;
    const timer: Timer = { id, dueAt: this.now() + Math.max(0, delayMs), fn, handle: null };
    this.timers.set(id, timer);
    this.arm(timer);
    return id;
  }

  clearTimer(id: TimerId): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    if (timer.handle) clearTimeout(timer.handle);
    this.timers.delete(id);
  }

  /** Moves simulated time forward, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const target = this.now() + ms;
    // Bounded: each iteration removes one timer; timers created while firing
    // with a due time <= target run too, like real time would run them.
    for (let guard = 0; guard < 1_000_000; guard++) {
      const due = this.earliestDue(target);
      if (!due) break;
      this.setNow(Math.max(this.now(), due.dueAt));
      this.fire(due);
    }
    this.setNow(target);
    this.rearmAll();
  }

  setSpeed(speed: number): void {
    this.setNow(this.now());
    this.speed = clampSpeed(speed);
    this.rearmAll();
  }

  /** Cancels every timer (on close or reset). */
  clearAll(): void {
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  private setNow(sim: number): void {
    this.anchorSim = sim;
    this.anchorWall = this.wallNow();
  }

  private earliestDue(limit: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers.values()) {
      if (t.dueAt <= limit && (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.id < best.id))) best = t;
    }
    return best;
  }

  private fire(timer: Timer): void {
    this.clearTimer(timer.id);
    try {
      timer.fn();
    } catch (error) {
      // A timer callback must never take the emulator down.
      console.error('emulator: timer callback failed', error);
    }
  }

  private arm(timer: Timer): void {
    if (this.manual) return;
    if (timer.handle) clearTimeout(timer.handle);
    const realDelay = Math.min(MAX_REAL_DELAY, Math.max(0, (timer.dueAt - this.now()) / this.speed));
    timer.handle = setTimeout(() => {
      timer.handle = null;
      if (!this.timers.has(timer.id)) return;
      if (this.now() + 1 < timer.dueAt) this.arm(timer);
      else this.fire(timer);
    }, Math.ceil(realDelay));
    // Lifecycle timers must not keep a process alive on their own.
    timer.handle.unref?.();
  }

  private rearmAll(): void {
    for (const t of this.timers.values()) this.arm(t);
  }
}

function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) return 1;
  return Math.min(speed, MAX_SPEED);
}
