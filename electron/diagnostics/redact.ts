/**
 * Removes secrets from text and values bound for a diagnostics bundle. Several
 * nets, because a bundle leaves the machine: the exact secrets the app holds;
 * anything shaped like a JWT (worker, voice and any other Access Token);
 * Authorization values; bare 32-hex strings (a Twilio auth token; SIDs keep their
 * two-letter prefix and survive); every URL query value and fragment; and every
 * string under a key that names a secret.
 */

export const REMOVED = '[removed]';

/** JWTs start with a base64url JSON header: `eyJ` is `{"`. */
export const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;
const AUTHORIZATION = /\b(authorization|bearer|basic)(["']?\s*[:=]?\s*["']?)(?:(?:bearer|basic)\s+)?[A-Za-z0-9._~+/=-]{8,}/gi;
const BARE_HEX_32 = /(?<![A-Za-z0-9])[0-9a-fA-F]{32}(?![0-9a-fA-F])/g;
const URL_QUERY_VALUE = /([?&][^=&#\s"'<>]{1,64}=)[^&#\s"'<>]+/g;
const URL_FRAGMENT = /(\/[^\s"'<>#]*#)[^\s"'<>]+/g;
const SECRET_KEY = /secret|token|password|passwd|authorization|credential|api[-_]?key|cookie|signature/i;
/** `apiKeySid`, `tokenUrl`: names of things, not secrets (a URL's query and fragment are removed anyway). */
const NAMES_A_THING = /(sid|url)$/i;
const isSecretKey = (key: string) => SECRET_KEY.test(key) && !NAMES_A_THING.test(key);

export type Redact = (text: string) => string;

export function createRedactor(knownSecrets: Iterable<string | null | undefined>): Redact {
  // Longest first, so a secret containing another is removed whole; very short values would erase ordinary words.
  const exact = [...new Set([...knownSecrets].filter((s): s is string => typeof s === 'string' && s.length >= 8))].sort((a, b) => b.length - a.length);
  const forms = exact.flatMap((s) => [...new Set([s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])]);
  return (text) => {
    let out = text;
    for (const secret of forms) out = out.split(secret).join(REMOVED);
    return out
      .replace(JWT_SHAPE, REMOVED)
      .replace(AUTHORIZATION, (_m, word: string, sep: string) => `${word}${sep}${REMOVED}`)
      .replace(BARE_HEX_32, REMOVED)
      .replace(URL_QUERY_VALUE, `$1${REMOVED}`)
      .replace(URL_FRAGMENT, `$1${REMOVED}`);
  };
}

/** A deep copy of `value` with every string redacted and every string under a secret-looking key removed. */
export function redactValue(value: unknown, redact: Redact, key = ''): unknown {
  if (typeof value === 'string') return isSecretKey(key) ? REMOVED : redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v, redact, k)]));
  }
  return value;
}
