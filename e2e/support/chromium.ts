import { existsSync } from 'node:fs';

/** The system Chromium: `CHROMIUM_PATH` if set, else Debian's `/usr/bin/chromium`. */
export function chromiumExecutable(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumExecutable());
}

/**
 * Flags for a closed, loopback-only machine: no background networking (its
 * requests are refused here), fake media devices for the voice tests, WebRTC
 * allowed on loopback, and no sandbox when running as root.
 */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}
