import type { Worker } from '../../shared/model';
import type { RawWorker } from '../twilio/api';

/** The UI's worker: the contact URI comes from the `contact_uri` attribute; the next activity is the host's own. */
export function normalizeWorker(raw: RawWorker, nextActivitySid: string | null): Worker {
  const contact = raw.attributes.contact_uri;
  return {
    sid: raw.sid,
    friendlyName: raw.friendlyName,
    activitySid: raw.activitySid,
    activityName: raw.activityName,
    available: raw.available,
    contactUri: typeof contact === 'string' ? contact : null,
    attributes: raw.attributes,
    nextActivitySid,
    activityChangedAt: raw.dateStatusChangedMs ?? null,
  };
}
