import type { Reservation } from '../../shared/model';

/** The channel as an agent names it ("SMS", not "Sms"). */
const CHANNEL_NAMES: Record<string, string> = { voice: 'Voice', chat: 'Chat', sms: 'SMS', email: 'Email', video: 'Video', default: 'Task' };

export const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;

/** "Accept call from Dana": the channel as a word in a sentence. */
const CHANNEL_WORDS: Record<string, string> = { voice: 'call', chat: 'chat', sms: 'SMS', email: 'email' };
export const channelWord = (r: Reservation): string => CHANNEL_WORDS[r.task.channel] ?? 'offer';

export const callerLabel = (r: Reservation): string => r.caller.name ?? r.caller.number ?? 'Unknown caller';
