import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { BRIDGE_CLOSE_CODES, type BridgeServerMessage } from '../../shared/contract';
import type { Host, Logger } from '../types';
import { answerFrame, contentSecurityPolicy, deliverHostEvents, encodeServerMessage, MAX_FRAME_BYTES, PageConnectPolicy, securityHeaders } from '../transport/index';
import { newBridgeSecret } from './secret';
import { BRIDGE_PATH, checkUpgrade } from './upgrade-guard';

/**
 * Browser mode: serves the built renderer and the contract over a WebSocket on
 * 127.0.0.1 only, for workplaces that cannot install the desktop app. The page
 * learns the per-launch secret from its URL hash (`#secret=...`, never sent to
 * the server in a request line) and connects to `/bridge?secret=...`.
 */

export interface BrowserBridgeOptions {
  /** The host; `endpoints()` decides the page's CSP connect-src, read on every response. */
  host: Pick<Host, 'handlers' | 'on' | 'endpoints'>;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  logger?: Logger;
}

export interface BrowserBridge {
  /** The page to open, with the secret in its hash: http://127.0.0.1:PORT/#secret=... */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  secret: string;
  close(): Promise<void>;
}

/** A client this far behind on events is stuck; dropping it protects the host's memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';

const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export async function startBrowserBridge(options: BrowserBridgeOptions): Promise<BrowserBridge> {
  const { host, rendererDir, logger = silentLogger } = options;
  const secret = newBridgeSecret();
  // Set once the port is known; every response reads them.
  let origin = '';
  let bridgeWebSocket = '';
  const connectPolicy = new PageConnectPolicy(() => host.endpoints());
  const headersNow = (isDocument = false) => securityHeaders(contentSecurityPolicy({ bridgeWebSocket, connectSrc: connectPolicy.sources(isDocument) }));

  // forceCloseConnections: on close, drop every keep-alive connection the page still
  // holds (even one mid-request); waiting for Chromium to let go could hang shutdown.
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024, forceCloseConnections: true });
  app.addHook('onRequest', async (request, reply) => {
    // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends its own Host; refuse it.
    if (request.headers.host !== origin.slice('http://'.length)) {
      await reply.code(421).headers(headersNow()).send('Misdirected request');
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    // The page's own document: its CSP is the one the page lives under until it reloads.
    reply.headers(headersNow(String(reply.getHeader('content-type') ?? '').startsWith('text/html')));
    return payload;
  });
  await app.register(fastifyStatic, { root: rendererDir, index: 'index.html', wildcard: true, dotfiles: 'deny' });
  // A browser hides why an upgrade failed, so the page asks here, with the same checks, whether its secret
  // is still good (204) or refused (403: the app was restarted with a new one); see renderer/client/ws-client.ts.
  app.post(BRIDGE_PATH, async (request, reply) => {
    const verdict = checkUpgrade(request.raw, { origin, secret });
    await reply.code(verdict.allowed ? 204 : verdict.status).send();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 4 });
  app.server.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, { origin, secret });
    if (!verdict.allowed) {
      logger.warn('browser bridge refused a WebSocket', { reason: verdict.reason });
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', (error) => logger.warn('browser bridge client error', { message: error.message }));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      void answerFrame(host.handlers, raw, isBinary).then((message) => send(ws, message));
    });
  });

  const send = (ws: WebSocket, message: BridgeServerMessage | string) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      logger.warn('browser bridge dropped a client that stopped reading');
      ws.terminate();
      return;
    }
    const text = typeof message === 'string' ? message : encodeServerMessage(message);
    if (text === null) return logger.error('browser bridge could not serialize a message', { type: typeof message === 'string' ? 'text' : message.type });
    ws.send(text);
  };

  const unsubscribes = [
    deliverHostEvents(
      host,
      (event, payload) => {
        const frame = encodeServerMessage({ type: 'event', event, payload });
        if (frame === null) return logger.error('browser bridge could not serialize an event', { event });
        for (const client of wss.clients) send(client, frame);
      },
      logger,
    ),
    // The agent changed the mode or account and the open pages may not reach the new endpoints: have them reload.
    connectPolicy.watch(host, () => {
      logger.info('browser bridge asks its pages to reload for new connect sources');
      for (const client of wss.clients) client.close(BRIDGE_CLOSE_CODES.reload, 'connect sources changed');
    }),
  ];

  try {
    await app.listen({ host: LOOPBACK, port: options.port ?? 0 });
  } catch (error) {
    for (const unsubscribe of unsubscribes) unsubscribe();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  origin = `http://${LOOPBACK}:${port}`;
  bridgeWebSocket = `ws://${LOOPBACK}:${port}`;
  logger.info('browser bridge listening', { origin, bridge: BRIDGE_PATH });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    secret,
    close: () =>
      (closing ??= (async () => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await app.close();
      })()),
  };
}
