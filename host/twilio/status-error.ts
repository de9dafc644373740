/** An HTTP refusal shaped like twilio-node's RestException (`status`, optional Twilio `code`), so toAppError maps it alike. */
export class StatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'StatusError';
  }
}
