import http from 'node:http';

/**
 * A small server on 127.0.0.1:0 standing in for a customer's assignment / event
 * callback endpoint: it records every request (path, headers, form parameters) and
 * answers what the test scripts, including hanging until closed.
 */

export interface ReceivedCallback {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The form body, decoded. */
  params: Record<string, string>;
  /** The URL as the server saw it (what a `validateRequest` call would be given). */
  url: string;
}

/** `delayMs`: answer that much later (a server that looks something up first). */
export type CallbackReply = { status?: number; body?: string; contentType?: string; delayMs?: number } | 'hang';

export interface CallbackServer {
  url: string;
  requests: ReceivedCallback[];
  /** Decides each answer; defaults to an empty 200. */
  reply: (request: ReceivedCallback) => CallbackReply;
  close(): Promise<void>;
}

export async function startCallbackServer(): Promise<CallbackServer> {
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedCallback = {
        path: req.url ?? '/',
        headers: req.headers,
        params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        url: `${callbacks.url}${req.url ?? '/'}`,
      };
      callbacks.requests.push(received);
      const answer = callbacks.reply(received);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const send = () => {
        res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json' });
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  const callbacks: CallbackServer = {
    url: `http://127.0.0.1:${address.port}`,
    requests: [],
    reply: () => ({ status: 200, body: '' }),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return callbacks;
}
