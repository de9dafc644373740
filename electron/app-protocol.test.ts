import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';

vi.mock('electron', () => import('./testing/electron-mock'));
const { protocol } = await import('./testing/electron-mock');
const { registerAppScheme, resolveAppFile, serveRenderer } = await import('./app-protocol');

const dir = mkdtempSync(join(tmpdir(), 'app-protocol-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(dir, 'main.js'), 'export {}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
  });

  it('maps app://agent paths inside the renderer folder only', () => {
    expect(resolveAppFile(dir, 'app://agent/')).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'app://agent/main.js?x=1')).toBe(join(dir, 'main.js'));
    // The URL parser already resolves literal dot segments, so this one stays inside the folder.
    expect(resolveAppFile(dir, 'app://agent/../secret')).toBe(join(dir, 'secret'));
    expect(resolveAppFile(dir, 'app://agent/%2e%2e/%2e%2e/etc/passwd')).toBe(join(dir, 'etc', 'passwd'));
    // Encoded slashes survive the URL parser and would escape once decoded: refused.
    for (const hostile of ['app://agent/..%2f..%2fetc/passwd', 'app://other/index.html', 'file:///etc/passwd', 'app://agent/%00', 'app://agent/%E0%A4%A']) {
      expect(resolveAppFile(dir, hostile), hostile).toBeNull();
    }
  });

  it('answers with the file, its MIME type and the strict CSP; 404 elsewhere', async () => {
    let handler: ((request: Request) => Promise<Response>) | null = null;
    const session = { protocol: { handle: (_scheme: string, h: never) => void (handler = h) } };
    serveRenderer(session as unknown as Session, dir, () => ['ws://127.0.0.1:4100']);
    const page = await handler!(new Request('app://agent/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain('ws://127.0.0.1:4100');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>x</title>');
    expect((await handler!(new Request('app://agent/main.js'))).headers.get('content-type')).toMatch(/javascript/);
    const missing = await handler!(new Request('app://agent/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
  });
});
