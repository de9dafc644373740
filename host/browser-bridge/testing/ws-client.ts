import { WebSocket } from 'ws';

/**
 * A test client for the browser bridge: connects with a chosen Origin and
 * collects every message, with `waitFor` polling for a condition under a deadline.
 */
export interface TestClient {
  messages: unknown[];
  send(frame: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  waitFor<T>(pick: (message: unknown) => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export function openClient(url: string, origin: string | undefined): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        messages,
        send: (frame) => ws.send(JSON.stringify(frame)),
        sendRaw: (data, binary = false) => ws.send(data, { binary }),
        waitFor: (pick, timeoutMs = 3000) =>
          new Promise((found, fail) => {
            const deadline = Date.now() + timeoutMs;
            const check = () => {
              for (const message of messages) {
                const picked = pick(message);
                if (picked !== undefined) return found(picked);
              }
              if (Date.now() > deadline) return fail(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
              setTimeout(check, 5);
            };
            check();
          }),
        close: () =>
          new Promise((closed) => {
            if (ws.readyState === WebSocket.CLOSED) return closed();
            ws.once('close', () => closed());
            ws.close();
          }),
      }),
    );
  });
}
