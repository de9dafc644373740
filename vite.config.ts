import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { lingui } from '@lingui/vite-plugin';

// The renderer is one static bundle served either by Electron (file://) or by the
// host's browser bridge (http://127.0.0.1), so every asset path is relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  // Lingui compiles the message catalogues at build time; a message missing in a language fails the build.
  plugins: [react(), lingui({ failOnMissing: true, failOnCompileError: true })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
