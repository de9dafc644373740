import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in emulator/test-support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Twilio's OpenAPI specs live BESIDE the clone (../shared/specs), never inside it:
 * they are reference material, read at test time so the project does not vendor them.
 */
export const specsDir = path.resolve(repoRoot, '../shared/specs');

export const specFiles = {
  taskrouter: path.join(specsDir, 'twilio_taskrouter_v1.json'),
  api2010: path.join(specsDir, 'twilio_api_v2010.json'),
} as const;
