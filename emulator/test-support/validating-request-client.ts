import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import type { OpenApiValidator, SpecViolation } from './openapi-validator';

/** Twilio's public hosts the library builds URLs for; requests to them go to the emulator instead. */
const twilioHosts = new Set(['taskrouter.twilio.com', 'api.twilio.com']);

/**
 * The official library's HTTP client, pointed at the emulator, that checks every response
 * body against Twilio's OpenAPI specs and remembers each mismatch for the test to assert on.
 * Next-page URLs come from the emulator itself (absolute, its own origin) and pass unchanged.
 */
export class ValidatingRequestClient extends twilio.RequestClient {
  readonly violations: SpecViolation[] = [];
  /** Every request made, in order: a test can assert validation ran and which URLs were followed. */
  readonly exchanges: { method: string; url: string; status: number; rewritten: boolean }[] = [];
  private readonly origin: URL;

  constructor(
    emulatorUrl: string,
    private readonly validator: OpenApiValidator,
    options: { autoRetry?: boolean; maxRetries?: number } = {},
  ) {
    // keepAlive off: tests start and stop many emulators, and idle sockets would keep them open.
    super({ keepAlive: false, ...options });
    this.origin = new URL(emulatorUrl);
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    const rewritten = twilioHosts.has(target.hostname);
    if (rewritten) {
      target.protocol = this.origin.protocol;
      target.host = this.origin.host;
    }
    const response = await super.request<TData>({ ...opts, uri: target.href });
    this.exchanges.push({ method: opts.method.toUpperCase(), url: target.href, status: response.statusCode, rewritten });
    const violation = this.validator.validate({ method: opts.method, url: target.href, status: response.statusCode, body: parseBody(response.body) });
    if (violation) this.violations.push(violation);
    return response;
  }
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
