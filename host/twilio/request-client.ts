import { Agent as HttpAgent } from 'node:http';
import twilio from 'twilio';
import { parseRetryAfter, RateLimitedError } from './http-status-error';

import type RequestClientType from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

export interface ServerDateSample {
  /** The HTTP Date header, epoch ms (1-second resolution). */
  serverMs: number;
  /** Local clock when the request was sent and when the answer arrived. */
  sentMs: number;
  receivedMs: number;
}

export interface RequestClientOptions {
  /** Replaces `https://<service>.twilio.com` with this origin (an emulator). Never combined with region/edge. */
  baseUrl?: string;
  now: () => number;
  onServerDate?: (sample: ServerDateSample) => void;
}

/**
 * twilio-node's own HTTP client, with three additions: it can send every
 * request to another origin (the emulator: twilio-node has no single base-URL
 * switch for all its domains), it reports each response's Date header so the
 * host can measure the server's clock, and it surfaces Retry-After on 429.
 */
export class HostRequestClient extends twilio.RequestClient {
  /** Our own agent for http:// origins (an emulator), so its kept-alive sockets are ours to close. */
  private readonly httpAgent = new HttpAgent({ keepAlive: true, timeout: 15_000 });

  constructor(private readonly options: RequestClientOptions) {
    super({ keepAlive: true, timeout: 15_000 });
    this.axiosDefaults().httpAgent = this.httpAgent;
  }

  private closed = false;

  /** Closes every kept-alive connection; a request after this fails at once instead of opening a new one. */
  close(): void {
    this.closed = true;
    this.httpAgent.destroy();
    (this.axiosDefaults().httpsAgent as { destroy?: () => void } | undefined)?.destroy?.();
  }

  /** twilio-node keeps its axios instance (and the https agent it made) on `axios`; not typed, present in 6.x. */
  private axiosDefaults(): { httpAgent?: unknown; httpsAgent?: unknown } {
    return (this as unknown as { axios: { defaults: { httpAgent?: unknown; httpsAgent?: unknown } } }).axios.defaults;
  }

  override async request<TData>(opts: RequestClientType.RequestOptions<TData>): Promise<Response<TData>> {
    if (this.closed) throw new SessionClosedError();
    const uri = this.options.baseUrl ? rebase(opts.uri, this.options.baseUrl) : opts.uri;
    const sentMs = this.options.now();
    const response = await super.request<TData>({ ...opts, uri });
    const receivedMs = this.options.now();
    const headers = (response.headers ?? {}) as Record<string, unknown>;
    const date = typeof headers.date === 'string' ? Date.parse(headers.date) : NaN;
    if (!Number.isNaN(date)) this.options.onServerDate?.({ serverMs: date, sentMs, receivedMs });
    if (response.statusCode === 429) {
      const body = typeof response.body === 'string' ? safeJson(response.body) : response.body;
      const code = typeof (body as { code?: unknown })?.code === 'number' ? (body as { code: number }).code : undefined;
      throw new RateLimitedError(parseRetryAfter(headers['retry-after'], receivedMs), code);
    }
    return response;
  }
}

/** A request of a session that has ended: nothing is sent. */
export class SessionClosedError extends Error {
  constructor() {
    super('This connection to TaskRouter was closed (the host reconnected or stopped).');
    this.name = 'SessionClosedError';
  }
}

function rebase(uri: string, baseUrl: string): string {
  const original = new URL(uri);
  const base = new URL(baseUrl);
  original.protocol = base.protocol;
  original.host = base.host;
  return original.href;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
