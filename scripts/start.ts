// `npm start`: the app in demo mode (embedded emulator with demo traffic) when
// nothing is configured. The UI opens in Electron when its binary can start,
// otherwise in the system browser (browser mode). Prints ONE JSON line on
// stdout once the UI is reachable; logs go to stderr. See START_USAGE.
import { readyLine } from '../electron/ready-line';
import { stderrLogger } from '../electron/logger';
import { overridesFromEnv } from '../host/index';
import { startBrowserMode } from './lib/browser-mode';
import { buildElectron, buildRenderer } from './lib/build-steps';
import { displayAvailable, electronBinary } from './lib/electron-binary';
import { startElectronMode, type ElectronMode } from './lib/electron-mode';
import { isStale } from './lib/freshness';
import { openInBrowser } from './lib/open-browser';
import { ELECTRON_INPUTS, ELECTRON_MAIN_OUT, RENDERER_INPUTS, RENDERER_OUT } from './lib/paths';
import { parseStartArgs, START_USAGE } from './lib/start-args';

const logger = stderrLogger('start');
const argv = process.argv.slice(2);

const args = parseStartArgs(argv);
if (!args.ok) fatal(args.error.message, 2);
if (args.value.help) {
  console.error(START_USAGE);
  process.exit(0);
}
const overrides = overridesFromEnv(process.env, argv);
if (!overrides.ok) fatal(overrides.error.message, 2);

let shutdown: (() => Promise<void>) | null = null;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    // While exiting, a late error from a closing connection must not turn a clean stop into a crash.
    process.on('uncaughtException', (error) => logger.warn('error while shutting down', { message: error.message }));
    // A stop that hangs must not keep the terminal hostage.
    setTimeout(() => fatal('shutdown took longer than 10 s; exiting anyway', 1), 10_000).unref();
    void (shutdown?.() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => fatal(`shutdown failed: ${String(error)}`, 1),
    );
  });
}

try {
  if (isStale(RENDERER_OUT, RENDERER_INPUTS)) {
    logger.info('building the renderer (dist/renderer is missing or older than its sources)');
    await buildRenderer();
  }
  const electron = args.value.browser ? null : await tryElectron();
  if (electron) {
    shutdown = electron.close;
    process.stdout.write(`${readyLine('electron', electron.ready.ui, electron.ready.emulator)}\n`);
    // The agent quitting the app ends `npm start` too.
    const code = await electron.exited;
    if (!stopping) process.exit(code ?? 0);
  } else {
    const browser = await startBrowserMode({ port: args.value.port, overrides: overrides.value, logger });
    shutdown = browser.close;
    if (stopping) await browser.close();
    else {
      process.stdout.write(`${readyLine('browser', browser.bridge.url, browser.host.demo())}\n`);
      if (args.value.open) openInBrowser(browser.bridge.url, (message) => logger.warn(message));
    }
  }
} catch (error) {
  fatal(error instanceof Error ? error.message : String(error), 1);
}

/** Electron when its binary exists and a display is there; null (browser mode) otherwise, with the reason logged. */
async function tryElectron(): Promise<ElectronMode | null> {
  const binary = electronBinary();
  if ('missing' in binary) {
    logger.info(`browser mode: ${binary.missing}`);
    return null;
  }
  if (!displayAvailable()) {
    logger.info('browser mode: no display (DISPLAY / WAYLAND_DISPLAY unset)');
    return null;
  }
  try {
    if (isStale(ELECTRON_MAIN_OUT, ELECTRON_INPUTS)) {
      logger.info('building the Electron main and preload');
      await buildElectron();
    }
    return await startElectronMode({ binary: binary.path, hostArgs: argv.filter((a) => a !== '--no-open'), logger });
  } catch (error) {
    logger.warn(`browser mode: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function fatal(message: string, code: number): never {
  logger.error(message);
  process.exit(code);
}
