import { emulatorSuite } from './emulator';
import { fleetSuite } from './fleet';
import { hostSuite } from './host';
import { idleSuite } from './idle';
import { memorySuite } from './memory';
import { uiSuite } from './ui';
import { voiceSuites } from './voice';

/** A benchmark suite: runs once and returns the flat metrics printed as one JSON line. */
export type BenchSuite = () => Promise<Record<string, number | string | boolean>>;

/**
 * The registry `npm run bench -- <name>` picks from. To add a suite: write
 * bench/suites/<name>.ts exporting a BenchSuite, add one line here, and document
 * its fields in bench/README.md (and its rows in bench/report/table.ts).
 */
export const suites: Record<string, BenchSuite> = {
  emulator: emulatorSuite,
  host: hostSuite,
  ui: uiSuite,
  voice: voiceSuites,
  idle: idleSuite,
  memory: memorySuite,
  fleet: fleetSuite,
};

/** Run only when named (`npm run bench -- fleet`): it takes about ten minutes and the whole machine. */
export const ON_REQUEST = new Set(['fleet']);
