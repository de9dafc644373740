// `npm run build`: the renderer to dist/renderer, the Electron main and preload
// to dist-electron/. Packaging installers is a separate step (`npx electron-builder`,
// configured in electron-builder.yml); it needs the Electron binary.
import { buildElectron, buildRenderer } from './lib/build-steps';

const started = Date.now();
try {
  await buildRenderer();
  console.error(`built the renderer to dist/renderer`);
  await buildElectron();
  console.error(`built the Electron main and preload to dist-electron/ (${Date.now() - started} ms)`);
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
