import type { SimClock, TimerId } from '../domain/clock';
import type { Engine } from '../domain/engine';
import type { IdFactory } from '../domain/ids';
import type { DomainEvent } from '../domain/types';
import { CONTACT_CENTER_NUMBER, pickCaller } from './callers';

/**
 * Demo traffic: inbound voice tasks arrive (quickly at first, then every
 * ~20-40 s), and the simulated colleagues (every worker but the app's agent)
 * accept after a few seconds, sometimes reject, talk for a while, wrap up and
 * complete. Callers who wait too long hang up. All timing goes through the
 * simulated clock.
 */

export interface TrafficState {
  mode: 'off' | 'demo';
  /** Seconds between calls once warmed up; null = the default 20-40 s spread. */
  intervalSeconds: number | null;
  tasksCreated: number;
}

export interface DemoTrafficOptions {
  engine: Engine;
  clock: SimClock;
  ids: IdFactory;
  /** The app's own worker: never driven by the simulation. */
  agentSid: string;
  workflowSid: string;
}

const FIRST_CALL_MS = 1_000;
const WARM_UP_CALLS = 3;
const ABANDON_AFTER_MS = [90_000, 180_000] as const;

export class DemoTraffic {
  private mode: 'off' | 'demo' = 'off';
  private intervalSeconds: number | null = null;
  private tasksCreated = 0;
  private readonly timers = new Set<TimerId>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly o: DemoTrafficOptions) {}

  state(): TrafficState {
    return { mode: this.mode, intervalSeconds: this.intervalSeconds, tasksCreated: this.tasksCreated };
  }

  start(intervalSeconds?: number): void {
    this.stop();
    this.mode = 'demo';
    this.intervalSeconds = intervalSeconds ?? null;
    this.unsubscribe = this.o.engine.onEvent((e) => this.onEvent(e));
    this.later(FIRST_CALL_MS, () => this.nextCall());
  }

  stop(): void {
    this.mode = 'off';
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const t of this.timers) this.o.clock.clearTimer(t);
    this.timers.clear();
  }

  private random(min: number, max: number): number {
    return min + this.o.ids.random() * (max - min);
  }

  private later(ms: number, fn: () => void): void {
    const id = this.o.clock.setTimer(ms, () => {
      this.timers.delete(id);
      if (this.mode === 'demo') fn();
    });
    this.timers.add(id);
  }

  private nextCall(): void {
    this.createCall();
    const gap = this.intervalSeconds !== null ? this.intervalSeconds * 1000 : this.tasksCreated < WARM_UP_CALLS ? this.random(4_000, 8_000) : this.random(20_000, 40_000);
    this.later(gap, () => this.nextCall());
  }

  private createCall(): void {
    const caller = pickCaller(() => this.o.ids.random());
    const call = { sid: this.o.engine.startInboundCall(caller.from, CONTACT_CENTER_NUMBER) };
    const result = this.o.engine.createTask({
      WorkflowSid: this.o.workflowSid,
      TaskChannel: 'voice',
      Attributes: JSON.stringify({ type: 'inbound', caller_name: caller.callerName, from: caller.from, to: CONTACT_CENTER_NUMBER, call_sid: call.sid, reason: caller.reason, queue: caller.queue, direction: 'inbound' }),
    });
    if (!result.ok) {
      console.error('emulator: demo traffic could not create a task:', result.error.message);
      return;
    }
    this.tasksCreated++;
    const taskSid = result.value.sid;
    this.later(this.random(...ABANDON_AFTER_MS), () => {
      const task = this.o.engine.getTask(taskSid);
      if (task && (task.assignmentStatus === 'pending' || task.assignmentStatus === 'reserved')) {
        this.o.engine.updateTask(taskSid, { AssignmentStatus: 'canceled', Reason: 'Caller hung up' });
        this.o.engine.endCall(call.sid);
      }
    });
  }

  /** Colleagues answer their own offers; the app's agent is left alone. */
  private onEvent(e: DomainEvent): void {
    if (e.type !== 'reservation.created' || !e.reservationSid || e.workerSid === this.o.agentSid) return;
    const sid = e.reservationSid;
    this.later(this.random(2_000, 6_000), () => this.colleagueDecides(sid));
  }

  private colleagueDecides(sid: string): void {
    const r = this.o.engine.getReservation(sid);
    if (!r || r.status !== 'pending') return;
    if (this.o.ids.random() < 0.15) {
      this.o.engine.updateReservation(sid, { ReservationStatus: 'rejected' });
      return;
    }
    const accepted = this.o.engine.updateReservation(sid, { Instruction: 'conference' });
    if (!accepted.ok) this.o.engine.updateReservation(sid, { ReservationStatus: 'accepted' });
    this.later(this.random(30_000, 90_000), () => {
      const now = this.o.engine.getReservation(sid);
      if (now?.status !== 'accepted') return;
      // The colleague's call ends, then they wrap up.
      if (now.instruction?.callSid) this.o.engine.endCall(now.instruction.callSid);
      const callSid = this.callOf(now.taskSid);
      if (callSid) this.o.engine.endCall(callSid);
      this.o.engine.updateReservation(sid, { ReservationStatus: 'wrapping' });
      this.later(this.random(5_000, 15_000), () => this.o.engine.updateReservation(sid, { ReservationStatus: 'completed' }));
    });
  }

  private callOf(taskSid: string): string | null {
    const task = this.o.engine.getTask(taskSid);
    if (!task) return null;
    try {
      const attributes = JSON.parse(task.attributes) as { call_sid?: unknown };
      return typeof attributes.call_sid === 'string' ? attributes.call_sid : null;
    } catch {
      return null;
    }
  }
}
