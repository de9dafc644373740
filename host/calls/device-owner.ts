import type { Clock } from '../types';

/** How long a claim lasts without being renewed; the owning window renews it every few seconds. */
export const DEVICE_LEASE_MS = 15_000;

/**
 * Which window owns the Voice SDK Device. Two Devices registered with the
 * same identity both ring, and the one that loses the race hears "the
 * caller hung up" for a call its agent just answered elsewhere; so exactly
 * one window registers, and the others show the calls and act through the
 * host. The first window to claim gets it; it keeps it while it renews the
 * claim within the lease, and loses it when it releases it (closing) or
 * stops renewing (crashed, frozen), so another window can take over.
 */
export class DeviceOwner {
  private owner: { windowId: string; expiresAt: number } | null = null;
  private timer: unknown = null;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (ownerWindowId: string | null) => void,
    private readonly leaseMs = DEVICE_LEASE_MS,
  ) {}

  /** Claims or renews; true when `windowId` owns the Device afterwards. */
  claim(windowId: string): boolean {
    const now = this.clock.now();
    const current = this.current(now);
    if (current !== null && current !== windowId) return false;
    this.owner = { windowId, expiresAt: now + this.leaseMs };
    this.schedule();
    if (current !== windowId) this.onChange(windowId);
    return true;
  }

  release(windowId: string): boolean {
    if (this.current(this.clock.now()) !== windowId) return false;
    this.drop();
    return true;
  }

  /** The owning window, or null. */
  current(now = this.clock.now()): string | null {
    return this.owner && this.owner.expiresAt > now ? this.owner.windowId : null;
  }

  isOwner(windowId: string): boolean {
    return this.current() === windowId;
  }

  /** A new session (another worker or account): the Device must be built anew, by whoever claims it next. */
  reset(): void {
    if (this.owner) this.drop();
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.owner = null;
  }

  private drop(): void {
    this.stop();
    this.onChange(null);
  }

  private schedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.owner && this.owner.expiresAt <= this.clock.now()) this.drop();
    }, this.leaseMs + 1);
  }
}
