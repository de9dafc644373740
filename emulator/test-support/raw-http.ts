import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation of "..", no percent-encoding. Non-ASCII must be given as UTF-8 bytes in latin1 (see `utf8Path`). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * One HTTP/1.1 request with node:http, which (unlike fetch) sends the path verbatim, so
 * traversal and odd bytes reach the server exactly as an attacker would send them.
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const origin = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // An explicit Content-Length: node would send a DELETE body unframed, which is malformed HTTP, not hostile input.
    const length = request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) };
    const req = http.request(
      { host: origin.hostname, port: Number(origin.port), method: request.method, path: request.path, headers: { connection: 'close', ...length, ...request.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Writes bytes that are not HTTP at all and returns the first line the server answers (or '' if it just closes). */
export function rawSocketExchange(baseUrl: string, bytes: string | Buffer, timeoutMs = 5_000): Promise<string> {
  const origin = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: origin.hostname, port: Number(origin.port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset is an acceptable way to refuse garbage
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1').split('\r\n')[0] ?? '');
    });
  });
}

/** node:http writes the path as latin1; this turns a Unicode path into its UTF-8 bytes in that form. */
export function utf8Path(path: string): string {
  return Buffer.from(path, 'utf8').toString('latin1');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
