import { desktopCapturer, session } from 'electron';

/**
 * Screen sharing in Electron: getDisplayMedia reaches this handler. It offers the screens and
 * windows through the OS picker where Electron has one (macOS), and otherwise shares the first
 * screen. TODO: an in-app source picker (screens and windows with thumbnails) for Windows.
 */
export function installDisplayMediaHandler(): void {
  session.defaultSession.setDisplayMediaRequestHandler(
    (_request, callback) => {
      desktopCapturer.getSources({ types: ['screen', 'window'] }).then(
        (sources) => {
          const screen = sources.find((s) => s.id.startsWith('screen:')) ?? sources[0];
          // An empty answer is Electron's way to refuse the request.
          callback(screen ? { video: screen } : {});
        },
        () => callback({}),
      );
    },
    { useSystemPicker: true },
  );
}
