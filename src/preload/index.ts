import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: it may require only 'electron'; everything else is bundled in. The page gets the typed bridge
// and nothing else (no ipcRenderer, no Node).
contextBridge.exposeInMainWorld(
  'reelsmith',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
