import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { resolve } from 'node:path';

// The renderer is loaded by Electron from file:// (hence the relative base) and by the browser
// bridge host over http(s); one build serves both.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  css: {
    postcss: { plugins: [postcssPresetMantine()] },
  },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    // Electron 41 ships a current Chromium; no need to down-level.
    target: 'chrome130',
    sourcemap: true,
    // Loaded from disk (file://) or a LAN host, once per session: one bundle beats many round trips.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // The renderer imports common/ and resources/fonts from outside its root.
    fs: { allow: [import.meta.dirname] },
  },
});
