import { desktopCapturer, session, type DesktopCapturerSource } from 'electron';
import { toScreenSource, type ScreenSourcePicker } from '../services/ScreenSourcePicker';

/** Big enough for a readable snapshot in the picker's grid, small enough to list many windows. */
const THUMBNAIL_SIZE = { width: 320, height: 180 };

/**
 * Screen sharing in Electron: getDisplayMedia reaches this handler. On macOS the OS picker
 * offers the screens and windows (`useSystemPicker`, where Electron has one); elsewhere the
 * in-app picker does (ScreenSourcePicker, shown by the renderer). An empty answer is Electron's
 * way to refuse the request, which the page sees as getDisplayMedia rejecting (NotAllowedError),
 * as when the user cancels Chromium's own picker.
 */
export function installDisplayMediaHandler(picker: Pick<ScreenSourcePicker, 'choose'>): void {
  session.defaultSession.setDisplayMediaRequestHandler(
    (_request, callback) => {
      pickSource(picker).then(
        (source) => callback(source ? { video: source } : {}),
        () => callback({}),
      );
    },
    { useSystemPicker: true },
  );
}

async function pickSource(
  picker: Pick<ScreenSourcePicker, 'choose'>,
): Promise<DesktopCapturerSource | undefined> {
  const sources = await desktopCapturer.getSources({
    types: ['screen', 'window'],
    thumbnailSize: THUMBNAIL_SIZE,
    fetchWindowIcons: true,
  });
  const chosenId = await picker.choose(sources.map(toScreenSource));
  return sources.find((s) => s.id === chosenId);
}
