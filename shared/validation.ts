import { z } from 'zod';

/** E.164: a plus sign, a non-zero country code digit, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/;
/** A Twilio Client identity URI: `client:` and an identity of safe characters. */
export const CLIENT_URI = /^client:[A-Za-z0-9_.@-]{1,121}$/;
/** A SIP URI as Twilio accepts it for a worker's contact. */
export const SIP_URI = /^sips?:[^\s@<>"]+@[A-Za-z0-9.-]+(:\d{1,5})?(;[^\s<>"]*)?$/;

export const isE164 = (value: string): boolean => E164.test(value);

export const phoneNumber = z.string().trim().regex(E164, { message: 'Enter a phone number in E.164 form, like +14155550100' });

/** Where TaskRouter can call a worker: a phone number, a Twilio Client identity or a SIP URI. */
export const contactUri = z
  .string()
  .trim()
  .refine((v) => E164.test(v) || CLIENT_URI.test(v) || SIP_URI.test(v), {
    message: 'Enter a phone number like +14155550100, a client URI like client:alice, or a SIP URI',
  });

/** A caller ID: a phone number or a client URI (Twilio allows client: as From on client calls). */
export const callerId = z
  .string()
  .trim()
  .refine((v) => E164.test(v) || CLIENT_URI.test(v), { message: 'Enter a phone number like +14155550100 or a client URI like client:alice' });

/** An absolute http(s) URL, as TwiML and callback URLs must be. */
export const httpUrl = z
  .string()
  .trim()
  .max(2048, { message: 'URLs are limited to 2,048 characters' })
  .pipe(z.url({ protocol: /^https?$/, hostname: /.+/, message: 'Enter a full URL starting with https:// (or http://)' }));

/** Whole seconds within a range, with the range in the message. */
export const seconds = (min: number, max: number, what: string) =>
  z
    .number()
    .int({ message: `${what} must be a whole number of seconds` })
    .min(min, { message: min === 1 ? `${what} must be at least 1 second` : `${what} must be at least ${min} seconds` })
    .max(max, { message: `${what} can be at most ${max} seconds` });
