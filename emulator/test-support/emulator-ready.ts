/**
 * What the emulator announces once it listens (the CLI's ready line and startEmulator's `ready`),
 * under the name black-box tests and the benchmark use. Type-only: nothing of the emulator's
 * runtime is imported.
 */
export type { EmulatorReady as EmulatorReadyInfo } from '../index';
