import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CHANNEL_PREFIX, ipcChannelNames } from '../../common/ipc/contract';
import type { IpcRouter } from '../ipc/IpcRouter';
import { isTrustedIpcSender } from './appOrigin';

/**
 * Connects the router to ipcMain. Main checks the channel prefix and that the sender is the
 * app's own top frame, of the app's origin (VS Code's rule), before anything reaches a service.
 */
export function bindIpcRouter(router: IpcRouter, window: BrowserWindow): void {
  for (const channel of ipcChannelNames) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + channel, async (event, request: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedIpcSender(
        frame && { url: frame.url, isMainFrame: frame === event.sender.mainFrame },
      );
      if (!trusted) {
        return {
          ok: false,
          error: {
            code: 'forbidden',
            name: 'ForbiddenError',
            message: 'IPC from a frame that is not the app',
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
