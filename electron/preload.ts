import { contextBridge, ipcRenderer } from 'electron';
import { createAgentDesktopApi } from './preload-api';

// Thin on purpose: the page gets the contract's named functions as
// `window.agentDesktop` and nothing else. Bundled to CommonJS by scripts/build.ts
// because a sandboxed preload cannot load npm modules at run time.
contextBridge.exposeInMainWorld('agentDesktop', createAgentDesktopApi(ipcRenderer));
