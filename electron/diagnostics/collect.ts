import { release } from 'node:os';
import { app, dialog, type BrowserWindow } from 'electron';
import type { Host, Logger, SecretStore } from '../../host/types';
import { buildDiagnosticsBundle } from './bundle';
import { listCrashDumps } from './crash-dumps';
import { knownSecrets } from './known-secrets';
import type { LogBuffer } from './log-buffer';
import { saveDiagnostics } from './save';
import { desktopT } from '../i18n';

export interface DiagnosticsContext {
  window: BrowserWindow | null;
  host: Host | null;
  secrets: SecretStore | null;
  logs: LogBuffer;
  /** The desktop's own state (global shortcuts, updates, crash reporting), read when the bundle is built. */
  desktop(): Record<string, unknown>;
  logger: Logger;
}

/** Help → Save Diagnostics…: everything support needs in one zip, built when the agent has chosen where to save it. */
export async function saveDiagnosticsBundle(context: DiagnosticsContext): Promise<string | null> {
  const crashDumpsDir = app.getPath('crashDumps');
  try {
    const path = await saveDiagnostics({
      window: context.window,
      dialog,
      now: new Date(),
      folder: app.getPath('downloads'),
      build: async () =>
        buildDiagnosticsBundle({
          createdAt: new Date(),
          versions: {
            app: app.getVersion(),
            packaged: String(app.isPackaged),
            electron: process.versions.electron ?? 'unknown',
            chrome: process.versions.chrome ?? 'unknown',
            node: process.versions.node,
            platform: process.platform,
            arch: process.arch,
            os: release(),
            crashDumps: crashDumpsDir,
          },
          host: context.host,
          logs: context.logs.lines(),
          desktop: context.desktop(),
          crashDumps: await listCrashDumps(crashDumpsDir),
          knownSecrets: context.secrets ? await knownSecrets({ secrets: context.secrets, env: process.env, demoSecret: context.host?.demo()?.apiKeySecret ?? null }) : [],
        }),
    });
    if (path) context.logger.info('diagnostics saved', { path });
    return path;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.logger.error('diagnostics could not be saved', { message });
    const options = { type: 'error' as const, title: desktopT('desktop.diagnostics.title'), message: desktopT('desktop.diagnostics.failed'), detail: message, buttons: [desktopT('desktop.ok')] };
    void (context.window ? dialog.showMessageBox(context.window, options) : dialog.showMessageBox(options));
    return null;
  }
}
