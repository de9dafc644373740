import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loginItem } from './login-item';

let configHome: string;
beforeEach(() => void (configHome = mkdtempSync(join(tmpdir(), 'xdg-'))));
afterEach(() => rmSync(configHome, { recursive: true, force: true }));

const electronApi = () => ({ get: vi.fn(() => true), set: vi.fn() });

describe('start at login', () => {
  it("uses Electron's login items on macOS and Windows", () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const electron = electronApi();
      const item = loginItem({ platform, electron, command: '/x', configHome })!;
      expect(item.enabled).toBe(true);
      item.set(false);
      expect(electron.set).toHaveBeenCalledWith(false);
    }
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const command = '/opt/Agent Desktop/agent-desktop$1';
    const file = join(configHome, 'autostart', 'taskrouter-agent-desktop.desktop');
    const item = loginItem({ platform: 'linux', electron: electronApi(), command, configHome })!;
    expect(item.enabled).toBe(false);
    item.set(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Agent Desktop/agent-desktop\\$1"');
    expect(loginItem({ platform: 'linux', electron: electronApi(), command, configHome })!.enabled).toBe(true);
    item.set(false);
    expect(existsSync(file)).toBe(false);
  });

  it('offers nothing elsewhere', () => {
    expect(loginItem({ platform: 'freebsd', electron: electronApi(), command: '/x', configHome })).toBeUndefined();
  });
});
