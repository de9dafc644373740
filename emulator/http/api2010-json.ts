import type { CallRecord, ConferenceRecord, ParticipantRecord } from '../domain/calls';
import { rfc2822 } from './dates';

/** API 2010 JSON: RFC 2822 dates, relative `uri`s ending in `.json`. */

export function callJson(accountSid: string, c: CallRecord, now: number) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${c.sid}.json`;
  const ended = c.endTime ?? (c.status === 'in-progress' ? now : null);
  return {
    sid: c.sid,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    parent_call_sid: c.parentCallSid,
    account_sid: accountSid,
    to: c.to,
    to_formatted: c.to,
    from: c.from,
    from_formatted: c.from,
    phone_number_sid: null,
    status: c.status,
    start_time: c.startTime === null ? null : rfc2822(c.startTime),
    end_time: c.endTime === null ? null : rfc2822(c.endTime),
    duration: c.startTime !== null && ended !== null ? String(Math.max(0, Math.floor((ended - c.startTime) / 1000))) : null,
    price: null,
    price_unit: 'USD',
    direction: c.direction,
    answered_by: null,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri,
    subresource_uris: {
      notifications: uri.replace('.json', '/Notifications.json'),
      recordings: uri.replace('.json', '/Recordings.json'),
      payments: uri.replace('.json', '/Payments.json'),
      events: uri.replace('.json', '/Events.json'),
      siprec: uri.replace('.json', '/Siprec.json'),
      streams: uri.replace('.json', '/Streams.json'),
      user_defined_message_subscriptions: uri.replace('.json', '/UserDefinedMessageSubscriptions.json'),
      user_defined_messages: uri.replace('.json', '/UserDefinedMessages.json'),
    },
  };
}

export function conferenceJson(accountSid: string, c: ConferenceRecord) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Conferences/${c.sid}.json`;
  return {
    account_sid: accountSid,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    api_version: '2010-04-01',
    friendly_name: c.friendlyName,
    region: 'us1',
    sid: c.sid,
    status: c.status,
    uri,
    subresource_uris: {
      participants: uri.replace('.json', '/Participants.json'),
      recordings: uri.replace('.json', '/Recordings.json'),
    },
    reason_conference_ended: c.status === 'completed' ? 'last-participant-left' : null,
    call_sid_ending_conference: null,
  };
}

export function participantJson(accountSid: string, p: ParticipantRecord) {
  return {
    account_sid: accountSid,
    call_sid: p.callSid,
    label: p.label,
    call_sid_to_coach: p.callSidToCoach,
    coaching: p.coaching,
    conference_sid: p.conferenceSid,
    date_created: rfc2822(p.dateCreated),
    date_updated: rfc2822(p.dateUpdated),
    end_conference_on_exit: p.endConferenceOnExit,
    muted: p.muted,
    hold: p.hold,
    start_conference_on_enter: p.startConferenceOnEnter,
    status: p.status,
    queue_time: '0',
    uri: `/2010-04-01/Accounts/${accountSid}/Conferences/${p.conferenceSid}/Participants/${p.callSid}.json`,
  };
}
