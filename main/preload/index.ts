/**
 * The renderer's only door to main: `window.phonghop` with invoke/on for the contract's channels.
 * Anything else is refused here, before it reaches ipcMain.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL_PREFIX, isIpcChannel, isIpcEventName } from '../../common/ipc/channels';
import type { PreloadBridge } from '../../common/ipc/contract';
import { installDropGuard } from './dropGuard';

const bridge: PreloadBridge = {
  invoke: async (channel, request) => {
    if (!isIpcChannel(channel)) {
      return {
        ok: false,
        error: { code: 'invalid', name: 'InvalidError', message: `Unknown channel ${channel}` },
      };
    }
    return ipcRenderer.invoke(IPC_CHANNEL_PREFIX + channel, request);
  },
  on: (event, listener) => {
    if (!isIpcEventName(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_CHANNEL_PREFIX + event, wrapped);
    return () => ipcRenderer.off(IPC_CHANNEL_PREFIX + event, wrapped);
  },
};

contextBridge.exposeInMainWorld('phonghop', bridge);
installDropGuard(window);
