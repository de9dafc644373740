import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { desktopT } from '../i18n';

export interface SaveDiagnosticsDeps {
  window: BrowserWindow | null;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Builds the bundle (only once the agent chose where it goes). */
  build(): Promise<Uint8Array>;
  now: Date;
  /** Where the dialog starts (the Downloads folder). */
  folder: string;
}

/** Help → Save Diagnostics…: asks where, builds the bundle, writes it readable by this user only. Null when canceled. */
export async function saveDiagnostics(deps: SaveDiagnosticsDeps): Promise<string | null> {
  const stamp = deps.now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const options = {
    title: desktopT('desktop.diagnostics.saveTitle'),
    defaultPath: join(deps.folder, `agent-desktop-diagnostics-${stamp}.zip`),
    buttonLabel: desktopT('desktop.diagnostics.save'),
    filters: [{ name: desktopT('desktop.diagnostics.zip'), extensions: ['zip'] }],
  };
  const choice = deps.window ? await deps.dialog.showSaveDialog(deps.window, options) : await deps.dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  await writeFile(choice.filePath, await deps.build(), { mode: 0o600 });
  return choice.filePath;
}
