import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TwimlError } from './twiml-error';

/**
 * TwiML for voice, parsed with fast-xml-parser into typed verbs the runner
 * executes. Only the subset the emulator runs is accepted; any other verb or
 * noun is refused with 12200 rather than skipped, so a document that would
 * behave differently on Twilio fails loudly here. Unknown attributes are
 * ignored, as Twilio does.
 */

export const TWIML_LIMITS = {
  /** Twilio refuses TwiML documents over 64 KB. */
  maxDocumentBytes: 64 * 1024,
  /** Response > Dial > Client > Parameter is the deepest TwiML the subset needs. */
  maxDepth: 6,
  maxVerbs: 100,
  maxNounsPerDial: 10,
  maxSayCharacters: 4096,
  /** `loop="0"` means "until the call ends" on Twilio; here it means this many times. */
  maxLoop: 1000,
  maxPauseSeconds: 600,
} as const;

export type HttpMethod = 'GET' | 'POST';

export interface ClientNoun {
  noun: 'Client';
  identity: string;
  /** `<Parameter name value/>` children: the SDK's `call.customParameters`. */
  params: Record<string, string>;
}
export interface NumberNoun {
  noun: 'Number';
  number: string;
}
export interface ConferenceNoun {
  noun: 'Conference';
  name: string;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  muted: boolean;
  participantLabel: string | null;
  waitUrl: string | null;
  statusCallback: string | null;
  statusCallbackMethod: HttpMethod;
  statusCallbackEvent: string[];
}
export interface QueueNoun {
  noun: 'Queue';
  name: string;
  reservationSid: string | null;
  postWorkActivitySid: string | null;
  /** TwiML (Play, Say, Pause only) played to the dequeued caller before the bridge. */
  url: string | null;
  method: HttpMethod;
}
export type DialNoun = ClientNoun | NumberNoun | ConferenceNoun | QueueNoun;

export type TwimlVerb =
  | { verb: 'Say'; text: string; loop: number }
  | { verb: 'Play'; url: string; loop: number }
  | { verb: 'Pause'; length: number }
  | { verb: 'Hangup' }
  | { verb: 'Reject' }
  | { verb: 'Redirect'; url: string; method: HttpMethod }
  | { verb: 'Leave' }
  | {
      verb: 'Enqueue';
      name: string;
      workflowSid: string | null;
      waitUrl: string | null;
      waitUrlMethod: HttpMethod;
      action: string | null;
      method: HttpMethod;
      task: { attributes: string; priority: number | null; timeout: number | null } | null;
    }
  | {
      verb: 'Dial';
      nouns: DialNoun[];
      timeout: number;
      timeLimit: number;
      callerId: string | null;
      action: string | null;
      method: HttpMethod;
    };

export interface TwimlDocument {
  verbs: TwimlVerb[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: TWIML_LIMITS.maxDepth,
  // Standard XML entities only: a DOCTYPE's entity declarations are bounded by the parser's own limits.
  processEntities: { enabled: true, maxEntityCount: 20, maxEntitySize: 1024, maxTotalExpansions: 200, maxExpandedLength: 16_384 },
  htmlEntities: false,
});

/** Parses a TwiML document; throws a TwimlError (12100 malformed, 12200 outside the subset). */
export function parseTwiml(xml: string, url?: string): TwimlDocument {
  if (Buffer.byteLength(xml, 'utf8') > TWIML_LIMITS.maxDocumentBytes) throw new TwimlError(11750, `TwiML documents are limited to ${TWIML_LIMITS.maxDocumentBytes} bytes`, url);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new TwimlError(12100, `Document parse failure: ${valid.err.msg} (line ${valid.err.line})`, url);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (error) {
    throw new TwimlError(12100, `Document parse failure: ${error instanceof Error ? error.message : String(error)}`, url);
  }
  const roots = nodes.filter((n) => !('?xml' in n) && !('#comment' in n));
  const root = roots[0];
  if (roots.length !== 1 || !root || elementName(root) !== 'Response') throw new TwimlError(12100, 'Document parse failure: the root element must be <Response>', url);
  const children = elements(root);
  if (children.length > TWIML_LIMITS.maxVerbs) throw new TwimlError(12200, `A TwiML document may hold at most ${TWIML_LIMITS.maxVerbs} verbs here`, url);
  return { verbs: children.map((child) => parseVerb(child, url)) };
}

function parseVerb(node: OrderedNode, url: string | undefined): TwimlVerb {
  const name = elementName(node);
  const a = attributes(node);
  const text = textOf(node);
  switch (name) {
    case 'Say':
      if (text.length > TWIML_LIMITS.maxSayCharacters) throw new TwimlError(12200, `<Say> text is limited to ${TWIML_LIMITS.maxSayCharacters} characters`, url);
      return { verb: 'Say', text, loop: loopOf(a['loop'], url) };
    case 'Play':
      if (!text) throw new TwimlError(12200, '<Play> needs the URL of the audio to play', url);
      return { verb: 'Play', url: text, loop: loopOf(a['loop'], url) };
    case 'Pause':
      return { verb: 'Pause', length: intAttr(a['length'], 1, 0, TWIML_LIMITS.maxPauseSeconds, 'Pause length', url) };
    case 'Hangup':
      return { verb: 'Hangup' };
    case 'Reject':
      return { verb: 'Reject' };
    case 'Leave':
      return { verb: 'Leave' };
    case 'Redirect':
      if (!text) throw new TwimlError(12200, '<Redirect> needs a URL', url);
      return { verb: 'Redirect', url: text, method: methodOf(a['method'], 'POST', url) };
    case 'Enqueue':
      return parseEnqueue(node, a, url);
    case 'Dial':
      return parseDial(node, a, url);
    default:
      throw new TwimlError(12200, `<${name}> is not part of the TwiML subset the emulator runs (Say, Play, Pause, Hangup, Reject, Redirect, Leave, Enqueue, Dial)`, url);
  }
}

function parseEnqueue(node: OrderedNode, a: Record<string, string>, url: string | undefined): TwimlVerb {
  const workflowSid = a['workflowSid'] ?? null;
  if (workflowSid !== null && !/^WW[0-9a-fA-F]{32}$/.test(workflowSid)) throw new TwimlError(12200, `<Enqueue workflowSid="${workflowSid.slice(0, 40)}"> is not a Workflow SID`, url);
  let task: { attributes: string; priority: number | null; timeout: number | null } | null = null;
  let name = '';
  for (const child of node['Enqueue'] as OrderedNode[]) {
    if ('#text' in child) {
      name += String(child['#text']);
      continue;
    }
    if (elementName(child) !== 'Task') throw new TwimlError(12200, `<Enqueue> may contain only a queue name and a <Task>, not <${elementName(child)}>`, url);
    const ta = attributes(child);
    const json = textOf(child) || '{}';
    try {
      const parsed: unknown = JSON.parse(json);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    } catch {
      throw new TwimlError(12200, '<Task> must contain a JSON object of task attributes', url);
    }
    task = {
      attributes: json,
      priority: ta['priority'] === undefined ? null : intAttr(ta['priority'], 0, 0, 2 ** 31 - 1, 'Task priority', url),
      timeout: ta['timeout'] === undefined ? null : intAttr(ta['timeout'], 86_400, 1, 1_209_600, 'Task timeout', url),
    };
  }
  name = name.trim();
  if (!workflowSid && !name) throw new TwimlError(12200, '<Enqueue> needs a queue name or a workflowSid', url);
  if (name.length > 64) throw new TwimlError(12200, 'Queue names are limited to 64 characters', url);
  return {
    verb: 'Enqueue',
    name: name || workflowSid!,
    workflowSid,
    waitUrl: a['waitUrl'] ?? null,
    waitUrlMethod: methodOf(a['waitUrlMethod'], 'POST', url),
    action: a['action'] ?? null,
    method: methodOf(a['method'], 'POST', url),
    task,
  };
}

function parseDial(node: OrderedNode, a: Record<string, string>, url: string | undefined): TwimlVerb {
  const nouns: DialNoun[] = [];
  for (const child of node['Dial'] as OrderedNode[]) {
    if ('#text' in child) {
      // `<Dial>+15551234567</Dial>` is shorthand for one <Number>.
      const number = String(child['#text']).trim();
      if (number) nouns.push({ noun: 'Number', number });
      continue;
    }
    nouns.push(parseNoun(child, url));
  }
  if (nouns.length === 0) throw new TwimlError(12200, '<Dial> needs a number, a <Client>, a <Number>, a <Conference> or a <Queue>', url);
  if (nouns.length > TWIML_LIMITS.maxNounsPerDial) throw new TwimlError(12200, `<Dial> may ring at most ${TWIML_LIMITS.maxNounsPerDial} parties here`, url);
  const exclusive = nouns.filter((n) => n.noun === 'Conference' || n.noun === 'Queue');
  if (exclusive.length > 0 && nouns.length > 1) throw new TwimlError(12200, '<Conference> and <Queue> must be the only noun of their <Dial>', url);
  return {
    verb: 'Dial',
    nouns,
    timeout: intAttr(a['timeout'], 30, 5, 600, 'Dial timeout', url),
    timeLimit: intAttr(a['timeLimit'], 14_400, 1, 14_400, 'Dial timeLimit', url),
    callerId: a['callerId'] ?? null,
    action: a['action'] ?? null,
    method: methodOf(a['method'], 'POST', url),
  };
}

function parseNoun(node: OrderedNode, url: string | undefined): DialNoun {
  const name = elementName(node);
  const a = attributes(node);
  switch (name) {
    case 'Client': {
      const params: Record<string, string> = {};
      let identity = '';
      for (const child of node['Client'] as OrderedNode[]) {
        if ('#text' in child) identity += String(child['#text']);
        else if (elementName(child) === 'Identity') identity += textOf(child);
        else if (elementName(child) === 'Parameter') {
          const p = attributes(child);
          if (p['name']) params[p['name']] = p['value'] ?? '';
        } else throw new TwimlError(12200, `<Client> may contain <Identity> and <Parameter>, not <${elementName(child)}>`, url);
      }
      identity = identity.trim().replace(/^client:/, '');
      if (!identity || identity.length > 256) throw new TwimlError(12200, '<Client> needs an identity of 1 to 256 characters', url);
      return { noun: 'Client', identity, params };
    }
    case 'Number': {
      const number = textOf(node);
      if (!/^\+?[0-9*#]{2,20}$/.test(number)) throw new TwimlError(13223, `<Number>${number.slice(0, 32)}</Number> is not a phone number`, url);
      return { noun: 'Number', number };
    }
    case 'Conference': {
      const conferenceName = textOf(node);
      if (!conferenceName || conferenceName.length > 128) throw new TwimlError(12200, '<Conference> needs a name of 1 to 128 characters', url);
      return {
        noun: 'Conference',
        name: conferenceName,
        startConferenceOnEnter: boolAttr(a['startConferenceOnEnter'], true),
        endConferenceOnExit: boolAttr(a['endConferenceOnExit'], false),
        muted: boolAttr(a['muted'], false),
        participantLabel: a['participantLabel'] ?? null,
        waitUrl: a['waitUrl'] ?? null,
        statusCallback: a['statusCallback'] ?? null,
        statusCallbackMethod: methodOf(a['statusCallbackMethod'], 'POST', url),
        statusCallbackEvent: (a['statusCallbackEvent'] ?? '').split(/[\s,]+/).filter(Boolean),
      };
    }
    case 'Queue':
      return {
        noun: 'Queue',
        name: textOf(node),
        reservationSid: a['reservationSid'] ?? null,
        postWorkActivitySid: a['postWorkActivitySid'] ?? null,
        url: a['url'] ?? null,
        method: methodOf(a['method'], 'POST', url),
      };
    default:
      throw new TwimlError(12200, `<Dial><${name}> is not part of the subset the emulator runs (Client, Number, Conference, Queue)`, url);
  }
}

function elementName(node: OrderedNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function elements(node: OrderedNode): OrderedNode[] {
  const children = node[elementName(node)];
  return Array.isArray(children) ? (children as OrderedNode[]).filter((c) => !('#text' in c) && !('#comment' in c)) : [];
}

function attributes(node: OrderedNode): Record<string, string> {
  return node[':@'] ?? {};
}

function textOf(node: OrderedNode): string {
  const children = node[elementName(node)];
  if (!Array.isArray(children)) return '';
  return (children as OrderedNode[])
    .filter((c) => '#text' in c)
    .map((c) => String(c['#text']))
    .join('')
    .trim();
}

function loopOf(value: string | undefined, url: string | undefined): number {
  const loop = intAttr(value, 1, 0, TWIML_LIMITS.maxLoop, 'loop', url);
  return loop === 0 ? TWIML_LIMITS.maxLoop : loop;
}

function intAttr(value: string | undefined, fallback: number, min: number, max: number, what: string, url: string | undefined): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value.trim())) throw new TwimlError(12200, `${what} must be a whole number, not "${value.slice(0, 20)}"`, url);
  const n = Number(value.trim());
  if (n < min || n > max) throw new TwimlError(12200, `${what} must be between ${min} and ${max}`, url);
  return n;
}

function boolAttr(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return value.trim().toLowerCase() === 'true';
}

function methodOf(value: string | undefined, fallback: HttpMethod, url: string | undefined): HttpMethod {
  if (value === undefined) return fallback;
  const upper = value.trim().toUpperCase();
  if (upper !== 'GET' && upper !== 'POST') throw new TwimlError(12200, `method must be GET or POST, not "${value.slice(0, 10)}"`, url);
  return upper;
}
