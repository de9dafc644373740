import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in emulator/test-support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Twilio's OpenAPI specs (twilio/twilio-oai, MIT) as Twilio itself publishes them
 * on the npm registry: `@twilio-alpha/mcp` ships `twilio-oai/spec/json/`. The
 * package is a devDependency pinned to an exact version (package-lock.json holds
 * its integrity hash), so every clone validates against the same bytes and
 * nothing outside the repository is read.
 */
const specPackage = '@twilio-alpha/mcp';
export const specsDir = path.join(path.dirname(createRequire(import.meta.url).resolve(`${specPackage}/package.json`)), 'twilio-oai', 'spec', 'json');

export const specFiles = {
  taskrouter: path.join(specsDir, 'twilio_taskrouter_v1.json'),
  api2010: path.join(specsDir, 'twilio_api_v2010.json'),
} as const;
