/** Debian's Chromium and the flags every browser test and benchmark launches it with. */
export const CHROMIUM_EXECUTABLE = process.env.PHONGHOP_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  // Quiet on a closed network (see shared/TOOLCHAIN.md).
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Real camera and microphone tracks without devices, and WebRTC over loopback.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
