import type { Reservation } from '../../shared/model';
import type { MessageId } from '../i18n/i18n';
import type { Translate } from '../i18n/react';

/** The channel as an agent names it ("SMS", not "Sms"); an unknown channel by its TaskRouter name. */
const CHANNEL_NAMES: Record<string, MessageId> = { voice: 'channel.voice', chat: 'channel.chat', sms: 'channel.sms', email: 'channel.email', video: 'channel.video', default: 'channel.default' };

export const channelName = (channel: string, t: Translate): string => {
  const id = CHANNEL_NAMES[channel];
  return id ? t(id) : channel;
};

/** The kind of offer, for sentences that name it: call, chat, SMS, email, else "offer". */
export const offerKind = (r: Reservation): string => (['voice', 'chat', 'sms', 'email'].includes(r.task.channel) ? r.task.channel : 'other');

export const callerLabel = (r: Reservation, t: Translate): string => r.caller.name ?? r.caller.number ?? t('caller.unknown');
