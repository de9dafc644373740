/**
 * Where updates come from. A generic (static file) feed: a folder on any HTTPS
 * server holding what electron-builder publishes (latest.yml for Windows,
 * latest-mac.yml, latest-linux.yml, and the installers they name).
 *
 * - `AGENT_DESKTOP_UPDATE_URL` at run time wins (a packaged app, or a development run against a test feed);
 * - otherwise the packaged app's own `app-update.yml`, written by electron-builder from the
 *   `publish` setting the installer was built with;
 * - otherwise updates are off, and the diagnostics say why.
 */

export const UPDATE_URL_ENV = 'AGENT_DESKTOP_UPDATE_URL';

export type FeedChoice = { kind: 'url'; url: string } | { kind: 'packaged' } | { kind: 'none'; reason: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Chooses the feed. Plain http is accepted for loopback only: the feed's yml
 * carries the installer's sha512, so a feed anyone on the network can rewrite
 * could hand the agent any program.
 */
export function chooseFeed(env: NodeJS.ProcessEnv, packaged: { isPackaged: boolean; hasAppUpdateYml: boolean }): FeedChoice {
  const raw = env[UPDATE_URL_ENV]?.trim();
  if (raw) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { kind: 'none', reason: `${UPDATE_URL_ENV} is not a URL` };
    }
    if (url.username || url.password) return { kind: 'none', reason: `${UPDATE_URL_ENV} must not carry credentials` };
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      return { kind: 'none', reason: `${UPDATE_URL_ENV} must be https (plain http only on 127.0.0.1)` };
    }
    return { kind: 'url', url: url.href.endsWith('/') ? url.href : `${url.href}/` };
  }
  if (packaged.isPackaged && packaged.hasAppUpdateYml) return { kind: 'packaged' };
  return { kind: 'none', reason: `no update feed: set ${UPDATE_URL_ENV}, or build the installer with a generic publish URL` };
}

/** The updater's config file for a feed given at run time (JSON is YAML, so the URL needs no YAML escaping). */
export function feedConfigYaml(url: string): string {
  return [`provider: generic`, `url: ${JSON.stringify(url)}`, `updaterCacheDirName: agent-desktop-updater`, ''].join('\n');
}
