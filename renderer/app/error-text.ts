import type { AppError, ErrorCode } from '../../shared/result';

/** What each error code means for the agent, and what to do about it. */
const TEXT: Partial<Record<ErrorCode, string>> = {
  reservation_expired: 'This offer timed out before your answer reached TaskRouter.',
  reservation_rescinded: 'Another agent accepted this task first.',
  reservation_canceled: 'This task was canceled, so there is nothing to answer.',
  reservation_not_pending: 'This offer was already answered or has ended; the list shows its latest state.',
  conflict: 'Someone changed this at the same time. The latest state is shown; try again if still needed.',
  not_found: 'TaskRouter no longer knows this item. It may have been deleted.',
  unauthorized: 'TaskRouter refused the credentials. Check them in Settings.',
  rate_limited: 'TaskRouter asked us to slow down; the desktop retries by itself.',
  network: 'TaskRouter could not be reached. Check the network; the desktop keeps trying.',
  server: 'TaskRouter had a server error. Try again in a moment.',
  not_configured: 'No account or worker is set up yet. Open Settings to choose one.',
  internal: 'Something went wrong inside the desktop. Try again; if it persists, restart it.',
};

/**
 * A sentence for an error: our own wording for codes the agent can act on, the
 * host's message (already written for people) for input and Twilio refusals.
 */
export function errorText(error: AppError): string {
  if (error.code === 'invalid_input' || error.code === 'rejected_by_twilio') return error.message;
  if (error.code === 'network' && error.message) return error.message;
  // The host says why the task was canceled when TaskRouter told it; "the caller hung up" only when it did.
  if (error.code === 'reservation_canceled' && error.message) return error.message;
  return TEXT[error.code] ?? error.message;
}
