import { z } from 'zod';
import { issue } from './issues';

/** E.164: a plus sign, a non-zero country code digit, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/;
/** A Twilio Client identity URI: `client:` and an identity of safe characters. */
export const CLIENT_URI = /^client:[A-Za-z0-9_.@-]{1,121}$/;
/** A SIP URI as Twilio accepts it for a worker's contact. */
export const SIP_URI = /^sips?:[^\s@<>"]+@[A-Za-z0-9.-]+(:\d{1,5})?(;[^\s<>"]*)?$/;

export const isE164 = (value: string): boolean => E164.test(value);

export const phoneNumber = z.string().trim().regex(E164, { message: issue('phone') });

/** Where TaskRouter can call a worker: a phone number, a Twilio Client identity or a SIP URI. */
export const contactUri = z
  .string()
  .trim()
  .refine((v) => E164.test(v) || CLIENT_URI.test(v) || SIP_URI.test(v), { message: issue('contact_uri') });

/** A caller ID: a phone number or a client URI (Twilio allows client: as From on client calls). */
export const callerId = z
  .string()
  .trim()
  .refine((v) => E164.test(v) || CLIENT_URI.test(v), { message: issue('caller_id') });

/** An absolute http(s) URL, as TwiML and callback URLs must be. */
export const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, hostname: /.+/, message: issue('http_url') }));

/** Whole seconds within a range, with the range in the issue. */
export const seconds = (min: number, max: number) =>
  z
    .number()
    .int({ message: issue('seconds_whole') })
    .min(min, { message: issue('seconds_min', { min }) })
    .max(max, { message: issue('seconds_max', { max }) });
