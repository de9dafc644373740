import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { EVENT_NAMES, type BridgeServerMessage } from '../../shared/contract';
import type { Host, Logger } from '../types';
import { err } from '../../shared/result';
import { answerFrame, MAX_FRAME_BYTES, UNKNOWN_REQUEST_ID } from './frames';
import { newBridgeSecret } from './secret';
import { contentSecurityPolicy, securityHeaders } from './security-headers';
export { connectSourcesFor, TWILIO_CONNECT_SRC } from './connect-sources';
import { BRIDGE_PATH, checkUpgrade } from './upgrade-guard';

/**
 * Browser mode: serves the built renderer and the contract over a WebSocket on
 * 127.0.0.1 only, for workplaces that cannot install the desktop app. The page
 * learns the per-launch secret from its URL hash (`#secret=...`, never sent to
 * the server in a request line) and connects to `/bridge?secret=...`.
 */

export interface BrowserBridgeOptions {
  host: Pick<Host, 'handlers' | 'on'>;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /**
   * Extra CSP connect-src origins, e.g. the emulator's voice signaling. A
   * function is asked on every response, so a demo emulator started later
   * (the agent switched to demo mode) is allowed without restarting the bridge.
   */
  connectSrc?: string[] | (() => string[]);
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
  const { host, rendererDir, connectSrc = [], logger = silentLogger } = options;
  const secret = newBridgeSecret();
  // Set once the port is known; every response reads them.
  let origin = '';
  let bridgeWebSocket = '';
  const headersNow = () =>
    securityHeaders(contentSecurityPolicy({ bridgeWebSocket, connectSrc: typeof connectSrc === 'function' ? connectSrc() : connectSrc }));

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
    reply.headers(headersNow());
    return payload;
  });
  await app.register(fastifyStatic, { root: rendererDir, index: 'index.html', wildcard: true, dotfiles: 'deny' });

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
    ws.send(typeof message === 'string' ? message : serialize(message));
  };

  // A host value JSON cannot carry (a cycle, a BigInt) is a host bug; the client still gets an answer.
  const serialize = (message: BridgeServerMessage): string => {
    try {
      return JSON.stringify(message);
    } catch {
      logger.error('browser bridge could not serialize a message', { type: message.type });
      const id = message.type === 'response' ? message.id : UNKNOWN_REQUEST_ID;
      return JSON.stringify({ type: 'response', id, result: err('internal', 'The app produced an answer it could not send. Please try again.') });
    }
  };

  const unsubscribes = EVENT_NAMES.map((event) =>
    host.on(event, (payload: unknown) => {
      let frame: string;
      try {
        frame = JSON.stringify({ type: 'event', event, payload } satisfies BridgeServerMessage);
      } catch {
        return logger.error('browser bridge could not serialize an event', { event });
      }
      for (const client of wss.clients) send(client, frame);
    }),
  );

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
