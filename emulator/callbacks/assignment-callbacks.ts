import type { Engine } from '../domain/engine';
import type { DomainEvent } from '../domain/types';
import { parseAssignmentAnswer } from './assignment-instruction';
import { assignmentParams } from './callback-params';
import type { CallbackLog } from './callback-log';
import { postSigned, type SendOptions, type WebhookAnswer } from './webhook-sender';

/**
 * The workflow's assignment callback: when a reservation is created, TaskRouter POSTs
 * the reservation's details to the workflow's AssignmentCallbackUrl; a 2xx JSON answer
 * with an instruction is applied to the reservation (as a REST update would be), an
 * empty answer leaves it pending. A failed request (no answer in time, a network error,
 * a non-2xx status) is retried once at the FallbackAssignmentCallbackUrl. Nothing a
 * callback server does can stall the engine: the request runs on its own, with a timeout.
 */
export class AssignmentCallbacks {
  constructor(
    private readonly engine: Engine,
    private readonly log: CallbackLog,
    private readonly send: Omit<SendOptions, 'defaultTimeoutMs'> & { timeoutMs: number },
  ) {}

  onEvent(event: DomainEvent): void {
    if (event.type !== 'reservation.created' || !event.reservationSid) return;
    const reservation = this.engine.getReservation(event.reservationSid);
    const task = reservation ? this.engine.getTask(reservation.taskSid) : undefined;
    const worker = reservation ? this.engine.getWorker(reservation.workerSid) : undefined;
    const workflow = task ? this.engine.getWorkflow(task.workflowSid) : undefined;
    if (!reservation || !task || !worker || !workflow?.assignmentCallbackUrl) return;
    const params = assignmentParams(this.engine, reservation, task, worker);
    void this.deliver(reservation.sid, task.sid, workflow.assignmentCallbackUrl, workflow.fallbackAssignmentCallbackUrl, params).catch((error: unknown) => console.error('emulator: assignment callback failed', error));
  }

  private async deliver(reservationSid: string, taskSid: string, primary: string, fallback: string | null, params: Record<string, string>): Promise<void> {
    const reservation = this.engine.getReservation(reservationSid);
    let url = primary;
    let answer = await this.post(primary, params, reservationSid);
    if (!succeeded(answer) && fallback) {
      url = fallback;
      answer = await this.post(fallback, params, reservationSid);
    }
    if (answer.kind !== 'answered' || !succeeded(answer)) return;
    const parsed = parseAssignmentAnswer(answer.body);
    const note = (outcome: string, code?: number) => this.log.add({ kind: 'assignment', url, at: this.engine.now(), status: 200, reservationSid, outcome, ...(code ? { code } : {}) });
    if (parsed.kind === 'invalid') return note(`${parsed.message}; the reservation stays pending`, parsed.code);
    if (parsed.kind === 'none') return note(parsed.warning ? `${parsed.warning.message}; the reservation stays pending` : 'no instruction: the reservation stays pending', parsed.warning?.code);
    // An emulator reset (or a deleted task) between the request and its answer: nothing to apply to.
    if (this.engine.getReservation(reservationSid) !== reservation) return note(`instruction ${parsed.name} not applied: the reservation no longer exists`);
    const applied = this.engine.updateReservation(reservationSid, parsed.params, { taskSid });
    if (applied.ok) note(`instruction ${parsed.name} applied`);
    else note(`instruction ${parsed.name} refused: ${applied.error.message}`, applied.error.code);
  }

  private async post(url: string, params: Record<string, string>, reservationSid: string): Promise<WebhookAnswer> {
    const answer = await postSigned(url, params, { ...this.send, defaultTimeoutMs: this.send.timeoutMs });
    if (!succeeded(answer)) {
      this.log.add({ kind: 'assignment', url, at: this.engine.now(), status: answer.kind === 'answered' ? answer.status : null, reservationSid, outcome: answer.kind === 'answered' ? `answered HTTP ${answer.status}` : answer.reason });
    }
    return answer;
  }
}

const succeeded = (answer: WebhookAnswer): boolean => answer.kind === 'answered' && answer.status >= 200 && answer.status < 300;
