import { expect, test } from '@playwright/test';
import { startBrowserBridge } from '../host/browser-bridge/index';
import { openInbox, useApp } from './support/app';
import { RENDERER_DIR } from './support/renderer-build';

// The browser bridge seen from the page: its CSP, derived from what the host is connected to,
// and what the page does when the bridge no longer accepts its secret.

const app = useApp();

/** Opens a WebSocket from the page; answers 'open', 'blocked <uri>' (a CSP violation) or 'failed'. */
const tryWebSocket = (url: string) => `new Promise((resolve) => {
  const onViolation = (event) => resolve('blocked ' + event.blockedURI);
  document.addEventListener('securitypolicyviolation', onViolation, { once: true });
  let socket;
  try { socket = new WebSocket(${JSON.stringify(url)}); } catch (error) { return; /* the violation event answers */ }
  socket.onopen = () => { socket.close(); resolve('open'); };
  socket.onerror = () => setTimeout(() => resolve('failed'), 500);
})`;

test('account mode with AGENT_DESKTOP_REST_URL: the page may reach that emulator (voice signaling), nothing else', async ({ page }) => {
  await openInbox(page, app);
  const emulator = new URL(app.emulator.ready.url);
  const csp = (await page.request.get(app.bridge.origin + '/')).headers()['content-security-policy'] ?? '';
  expect(csp).toContain(`ws://${emulator.host}`);
  expect(csp).not.toContain('twilio.com');
  // The Voice SDK's signaling socket to the emulator opens (before: a CSP violation, Voice SDK error 31000).
  expect(await page.evaluate(tryWebSocket(`ws://${emulator.host}/signal`))).toBe('open');
  // Anything else stays refused.
  // (Twilio's insights host: the app redirects voice-js.*.twilio.com/signal to the emulator by itself.)
  expect(await page.evaluate(tryWebSocket('wss://eventgw.twilio.com/v1/EndpointEvents'))).toMatch(/^blocked/);
  expect(await page.evaluate(tryWebSocket('ws://127.0.0.1:9/elsewhere'))).toMatch(/^blocked/);
});

test('a bridge that refuses the page secret (the app restarted) stops the page and tells the agent how to reopen it', async ({ page }) => {
  await openInbox(page, app);
  const port = Number(new URL(app.bridge.origin).port);
  // The app restarts on the same port (npm start --port N) with a new per-launch secret.
  await app.bridge.close();
  const restarted = await startBrowserBridge({ host: app.host, port, rendererDir: RENDERER_DIR });
  try {
    const alert = page.getByRole('alert').filter({ hasText: 'no longer connected' });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('npm start');
    // The inbox is gone: nothing stale stays on screen to act on.
    await expect(page.getByRole('region', { name: 'Reservations' })).toHaveCount(0);
  } finally {
    await restarted.close();
  }
});
