import type { MessageId } from '../i18n/i18n';
import type { Translate } from '../i18n/react';

/**
 * Activity names are the workspace's data, shown as TaskRouter has them. The
 * names Twilio's and Flex's workspace templates create (a Spanish contact
 * center often keeps them) are shown in the agent's language; any other name
 * is the contact center's own choice and stays as written.
 */
const DEFAULT_NAMES: Record<string, MessageId> = {
  available: 'activity.name.available',
  offline: 'activity.name.offline',
  unavailable: 'activity.name.unavailable',
  break: 'activity.name.break',
  lunch: 'activity.name.lunch',
  'wrap up': 'activity.name.wrapUp',
  'wrap-up': 'activity.name.wrapUp',
  wrapup: 'activity.name.wrapUp',
  missed: 'activity.name.missed',
  busy: 'activity.name.busy',
  idle: 'activity.name.idle',
};

export function activityName(name: string, t: Translate): string {
  const id = DEFAULT_NAMES[name.trim().toLowerCase()];
  return id ? t(id) : name;
}

/** Whether a name is shown translated (then it is the app's text, not data). */
export const isDefaultActivityName = (name: string): boolean => DEFAULT_NAMES[name.trim().toLowerCase()] !== undefined;
