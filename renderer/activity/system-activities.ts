import type { Activity, Snapshot } from '../../shared/model';

/**
 * Activities TaskRouter (or the contact center's automation) sets, not the
 * agent: the workspace's timeout activity ("Missed") and a wrap-up activity.
 * The menu shows them but does not let the agent pick them by hand.
 */
const WRAP_UP_NAME = /^wrap[\s_-]?up$/i;

export const isSystemActivity = (activity: Activity, workspace: Snapshot['workspace']): boolean =>
  activity.sid === workspace?.timeoutActivitySid || WRAP_UP_NAME.test(activity.friendlyName.trim());
