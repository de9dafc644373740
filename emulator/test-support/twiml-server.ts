import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** One request the TwiML server received: path, method, form/query parameters, and whether its signature checked out. */
export interface TwimlRequest {
  path: string;
  method: string;
  params: Record<string, string>;
  signatureValid: boolean;
}

/**
 * A small TwiML server on 127.0.0.1:0 for tests: answers each path with the
 * XML (or a function of the request's parameters) the test gave it, records
 * every request, and checks X-Twilio-Signature with twilio.validateRequest.
 */
export interface TwimlServer {
  url: string;
  requests: TwimlRequest[];
  /** Sets what a path answers: TwiML text, or a function of the parameters. */
  route(path: string, answer: string | ((params: Record<string, string>) => string)): void;
  close(): Promise<void>;
}

export async function startTwimlServer(authToken: string): Promise<TwimlServer> {
  const routes = new Map<string, string | ((params: Record<string, string>) => string)>();
  const requests: TwimlRequest[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', origin);
      const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const params = { ...Object.fromEntries(url.searchParams), ...body };
      const signature = String(request.headers['x-twilio-signature'] ?? '');
      const signatureValid = twilio.validateRequest(authToken, signature, origin + (request.url ?? '/'), request.method === 'POST' ? body : {});
      requests.push({ path: url.pathname, method: request.method ?? 'GET', params, signatureValid });
      const answer = routes.get(url.pathname);
      if (answer === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/xml' }).end(typeof answer === 'function' ? answer(params) : answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    requests,
    route: (path, answer) => void routes.set(path, answer),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
