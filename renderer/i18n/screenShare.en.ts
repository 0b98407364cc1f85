import type { ScreenShareMessages } from './screenShare.vi';

/** English strings of the screen-share source picker; typed against the Vietnamese source. */
export const screenShareEn: ScreenShareMessages = {
  title: 'Choose what to share',
  sources: 'What you can share',
  hint: 'Use the arrow keys to choose, Enter to share, Esc to cancel.',
  screens: 'Entire screen',
  windows: 'Windows',
  screenName: 'Screen {{number}}',
  noPreview: 'No preview',
  share: 'Share',
  cancel: 'Cancel',
  close: 'Close',
  failed: 'The chosen content could not be shared',
};
