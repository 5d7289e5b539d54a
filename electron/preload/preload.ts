// The sandboxed preload: exposes the typed contract bridge as `window.acs` and nothing else.
// Bundled to CommonJS (dist/preload/preload.cjs); a sandboxed preload may require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeGlobalName } from '../../shared/bridge.ts';
import { createBridge } from './create-bridge.ts';

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer));
