/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS harness whose job is to require() a CommonJS bundle */
// Loads a built Electron bundle under plain Node with a minimal fake `electron`
// module, to prove the bundle is self-contained (every other require resolves)
// and that its top level does what main must do before `ready`. Prints one JSON
// line with what the bundle did. Used by scripts/build.test.ts.
const Module = require('node:module');
const EventEmitter = require('node:events');

const calls = [];
const record = (name) => (...args) => void calls.push({ name, args });
const app = Object.assign(new EventEmitter(), {
  setPath: record('app.setPath'),
  // Pretend another instance runs: main must then quit without creating anything.
  requestSingleInstanceLock: () => (calls.push({ name: 'app.requestSingleInstanceLock', args: [] }), false),
  quit: record('app.quit'),
  whenReady: () => new Promise(() => {}),
});
const fake = {
  app,
  protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged') },
  contextBridge: { exposeInMainWorld: (key, api) => calls.push({ name: 'contextBridge.exposeInMainWorld', args: [key, Object.keys(api).sort()] }) },
  ipcRenderer: new EventEmitter(),
  powerMonitor: new EventEmitter(),
  safeStorage: {},
  session: {},
  BrowserWindow: class {},
  ipcMain: {},
  Menu: {},
  Tray: class {},
  nativeImage: {},
  Notification: class {},
  net: {},
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? 'electron' : resolve.call(this, request, ...rest);
};
require.cache.electron = { id: 'electron', filename: 'electron', loaded: true, exports: fake };
require(process.argv[2]);
process.stdout.write(`${JSON.stringify({ calls })}\n`);
