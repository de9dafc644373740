/**
 * Where the emulator may send callbacks (assignment and event callbacks): only to
 * this machine, or to hosts explicitly allowed (`callbackHosts` / `--callback-host`).
 * An offline emulator must never become a way to make requests to other hosts.
 * Checked when a workflow or the workspace is saved (400) and again when calling.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export class CallbackUrlPolicy {
  private readonly hosts: Set<string>;

  constructor(allowedHosts: readonly string[] = []) {
    this.hosts = new Set(allowedHosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== ''));
  }

  /** Why `url` may not be called, or null when it may. */
  refusal(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'must be an absolute http(s) URL';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an absolute http(s) URL';
    if (parsed.username !== '' || parsed.password !== '') return 'must not carry a user name or password';
    const host = parsed.hostname.toLowerCase();
    if (LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return null;
    if (this.hosts.has(host) || this.hosts.has(parsed.host.toLowerCase())) return null;
    return `must point at this machine (127.0.0.1, [::1] or localhost) or at a host allowed with callbackHosts / --callback-host; ${host} is not`;
  }
}
