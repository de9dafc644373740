import { err, ok, type Result } from '../../shared/result';

/** The start script's own flags; everything else is left for the host (overridesFromEnv). */
export interface StartArgs {
  /** Skip Electron even when it could start. */
  browser: boolean;
  /** Do not open the system browser in browser mode. */
  open: boolean;
  /** The UI server's port in browser mode; 0 = any free port. */
  port: number;
  help: boolean;
}

export const START_USAGE = `Usage: npm start -- [--browser] [--no-open] [--port <n>] [host flags]

  --browser       serve the UI to your browser instead of opening the Electron app
  --no-open       do not open the system browser (browser mode)
  --port <n>      port of the UI server in browser mode (default 0: any free port)
  host flags      --mode demo|account|tokenUrl, --account-sid, --api-key, --workspace-sid,
                  --worker-sid, --token-url, --transport subscribe|poll, --rest-url, ...
                  (secrets only from the environment: TWILIO_AUTH_TOKEN / TWILIO_API_SECRET)

Prints one JSON line on stdout once the UI is reachable; logs go to stderr.`;

export function parseStartArgs(argv: readonly string[]): Result<StartArgs> {
  const args: StartArgs = { browser: false, open: true, port: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--browser') args.browser = true;
    else if (arg === '--no-open') args.open = false;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const port = Number(value);
      if (value === undefined || value === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
        return err('invalid_input', '--port needs a port number from 0 to 65535 (0 picks any free port)', { field: 'port' });
      }
      args.port = port;
    }
  }
  return ok(args);
}
