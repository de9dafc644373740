import { buildRenderer } from './renderer-build';

/** Playwright globalSetup: build the renderer once per run, so every spec serves the current code. */
export default function globalSetup(): void {
  buildRenderer();
}
