import { parseCliArgs, USAGE } from './cli-args';
import { startEmulator } from './index';

/**
 * `npm run emulator -- --port 0 --traffic off`: starts the emulator and prints
 * exactly one line of JSON (the EmulatorReady object) to stdout once it
 * listens. Everything else goes to stderr. SIGINT/SIGTERM stop it cleanly.
 */

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    if (parsed.help) {
      console.error(USAGE);
      process.exit(0);
    }
    console.error(`emulator: ${parsed.message}\n\n${USAGE}`);
    process.exit(2);
  }
  let emulator;
  try {
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`emulator: could not start: ${message}`);
    process.exit(/EADDRINUSE|EACCES|EADDRNOTAVAIL/.test(message) ? 2 : 1);
  }
  process.stdout.write(`${JSON.stringify(emulator.ready)}\n`);
  console.error(`emulator: TaskRouter emulator listening on ${emulator.url} (traffic ${parsed.options.traffic}); Ctrl+C stops it`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`emulator: ${signal}, stopping`);
    emulator
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('emulator: error while stopping', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
