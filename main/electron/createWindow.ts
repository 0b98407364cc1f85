import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './appOrigin';

/**
 * The renderer's sandbox (Electron's security checklist): no Node, an isolated preload that
 * exposes the contract's bridge only, no webviews, no navigation on a dropped file.
 */
export function mainWindowPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The main window, showing the renderer from the app's own origin (`app://phonghop/`). */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Phòng Họp',
    show: false,
    webPreferences: mainWindowPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
