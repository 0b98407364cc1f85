import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CHANNEL_PREFIX, ipcChannelNames } from '../../common/ipc/contract';
import type { IpcRouter } from '../ipc/IpcRouter';

/**
 * Connects the router to ipcMain. Main checks the channel prefix and that the sender is the
 * app's own top frame (VS Code's rule) before anything reaches a service.
 */
export function bindIpcRouter(router: IpcRouter, window: BrowserWindow, appOrigin: string): void {
  for (const channel of ipcChannelNames) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + channel, async (event, request: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame !== event.sender.mainFrame || !frame.url.startsWith(appOrigin)) {
        return {
          ok: false,
          error: {
            code: 'forbidden',
            name: 'ForbiddenError',
            message: 'IPC from an untrusted frame',
          },
        };
      }
      return router.handle(channel, request);
    });
  }
  router.on('event', (name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_CHANNEL_PREFIX + name, payload);
  });
}
