import { emulatorSuite } from './emulator';
import { hostSuite } from './host';
import { uiSuite } from './ui';
import { voiceSuites } from './voice';

/** A benchmark suite: runs once and returns the flat metrics printed as one JSON line. */
export type BenchSuite = () => Promise<Record<string, number | string | boolean>>;

/**
 * The registry `npm run bench -- <name>` picks from. To add a suite (host, ui, voice):
 * write bench/suites/<name>.ts exporting a BenchSuite and add one line here.
 */
export const suites: Record<string, BenchSuite> = {
  emulator: emulatorSuite,
  ui: uiSuite,
  host: hostSuite,
  voice: voiceSuites,
};
