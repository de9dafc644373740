import type { FastifyInstance, FastifyRequest } from 'fastify';
import { holdMusic, speechLikeTone, type AudioSource } from './audio-frames';
import { framesFor } from './audio-player';
import { encodeWav } from './wav';

/**
 * The emulator's built-in TwiML app and audio assets, served on its own
 * (loopback) origin so demos work with no server of your own:
 *
 *  - `GET|POST /twiml/demo-app` — what a Device's outgoing call runs when its
 *    token names no app registered with the emulator. Parameter `To`:
 *      `+15551234567`        → `<Dial callerId=…><Number>` (a simulated callee answers with audio)
 *      `client:bob` or `bob` → `<Dial><Client>bob</Client>` (rings Bob's registered Devices)
 *      `conference:NAME`     → `<Dial><Conference>NAME</Conference>` (joins or starts it)
 *      `queue:NAME`          → `<Dial><Queue>NAME</Queue>` (the caller at the front; a TaskRouter queue is named after its workflow SID)
 *      `reservation:WR…`     → `<Dial><Queue reservationSid="WR…"/>` (dequeues that task's caller and accepts the reservation)
 *    `CallerId` (optional) sets the caller ID shown to the callee; default `From`.
 *    Query parameters win over the request's own (so a TaskRouter Call
 *    instruction's `CallUrl=…/twiml/demo-app?To=conference:WT…` dials the
 *    conference, not the worker the call went to).
 *  - `GET|POST /twiml/hold-music` — `<Play loop="0">` of the hold music asset.
 *  - `GET /assets/hold-music.wav`, `/assets/tone.wav` (a steady 1 kHz tone),
 *    `/assets/speech.wav` (speech-like audio): 8 kHz mono WAV for `<Play>`.
 */

export const DEMO_APP_PATH = '/twiml/demo-app';

const ASSETS: Record<string, () => Buffer> = {
  'hold-music.wav': () => render(holdMusic(), 8),
  'tone.wav': () => render(tone(1000, 8000), 4),
  'speech.wav': () => render(speechLikeTone(160, 9000), 6),
};

export function registerDemoTwimlApp(app: FastifyInstance, origin: () => string): void {
  const cache = new Map<string, Buffer>();
  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: DEMO_APP_PATH,
      handler: async (request, reply) => reply.type('text/xml').send(demoAppTwiml(paramsOf(request))),
    });
    app.route({
      method,
      url: '/twiml/hold-music',
      handler: async (_request, reply) => reply.type('text/xml').send(`<?xml version="1.0" encoding="UTF-8"?><Response><Play loop="0">${escapeXml(origin())}/assets/hold-music.wav</Play></Response>`),
    });
  }
  app.get('/assets/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    const make = ASSETS[name];
    if (!make) return reply.code(404).type('application/json').send({ code: 20404, message: `No asset ${name.slice(0, 64)}; the emulator has ${Object.keys(ASSETS).join(', ')}`, more_info: '', status: 404 });
    const bytes = cache.get(name) ?? make();
    cache.set(name, bytes);
    return reply.type('audio/wav').send(bytes);
  });
}

/** The demo app's TwiML for one request's parameters (see the file comment). */
export function demoAppTwiml(params: Record<string, string>): string {
  const to = (params['To'] ?? '').trim();
  const callerId = params['CallerId'] || params['From'] || '';
  const callerAttr = callerId && !callerId.startsWith('client:') ? ` callerId="${escapeXml(callerId)}"` : '';
  const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
  if (/^\+[1-9]\d{1,14}$/.test(to)) return wrap(`<Dial${callerAttr}><Number>${escapeXml(to)}</Number></Dial>`);
  const prefixed = /^(conference|queue|reservation):(.{1,128})$/.exec(to);
  if (prefixed) {
    const [, kind, value] = prefixed;
    if (kind === 'conference') return wrap(`<Dial><Conference>${escapeXml(value!)}</Conference></Dial>`);
    if (kind === 'queue') return wrap(`<Dial><Queue>${escapeXml(value!)}</Queue></Dial>`);
    if (/^WR[0-9a-fA-F]{32}$/.test(value!)) return wrap(`<Dial><Queue reservationSid="${value}"/></Dial>`);
  }
  const identity = to.replace(/^client:/, '');
  if (/^[A-Za-z0-9_.@-]{1,256}$/.test(identity)) return wrap(`<Dial${callerAttr}><Client>${escapeXml(identity)}</Client></Dial>`);
  return wrap(`<Say>The emulator's demo app cannot dial ${escapeXml(to.slice(0, 64) || 'nobody')}. Use a phone number, a client name, conference:, queue: or reservation:.</Say><Hangup/>`);
}

/** The request's parameters; the query string wins, as it configures the app (`CallUrl=…/demo-app?To=conference:WT…`). */
function paramsOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of [request.body, request.query]) {
    if (!source || typeof source !== 'object') continue;
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) if (typeof v === 'string') out[k] = v.slice(0, 1024);
  }
  return out;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function tone(hz: number, amplitude: number): AudioSource {
  let n = 0;
  return () => {
    const frame = new Int16Array(160);
    for (let i = 0; i < frame.length; i++, n++) frame[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * n) / 8000));
    return frame;
  };
}

function render(source: AudioSource, seconds: number): Buffer {
  const frames = framesFor(seconds);
  const samples = new Int16Array(frames * 160);
  for (let f = 0; f < frames; f++) samples.set(source(), f * 160);
  return encodeWav(samples);
}
