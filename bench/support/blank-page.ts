import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An empty page on a loopback origin, for the floor clients the suites run in Chromium:
 * an about:blank page may not open loopback sockets (Local Network Access checks), a
 * page served from 127.0.0.1 may.
 */
export async function startBlankPage(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>floor</title></head><body></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
