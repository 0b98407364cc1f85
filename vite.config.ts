import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcss, { type AcceptedPlugin } from 'postcss';
import { resolve } from 'node:path';

/**
 * postcss-preset-mantine on our CSS and Mantine's, but not on pdf.js's stylesheet: the preset's
 * light-dark() rewriting backtracks catastrophically on pdf.js's precompiled values such as
 * `var(--csstools-light-dark-toggle--0, rgb(21 20 26 / 0.14))` and hangs the build for good. pdf.js's
 * CSS uses no Mantine mixins or rem() anyway.
 */
function mantinePresetExceptPdfjs(): AcceptedPlugin {
  const preset = postcss([postcssPresetMantine()]);
  return {
    postcssPlugin: 'mantine-preset-except-pdfjs',
    async Once(root, { result }) {
      const from = result.opts.from;
      if (from && /[\\/]pdfjs-dist[\\/]/.test(from)) return;
      // Runs the preset on this same root, in place.
      await preset.process(root, { from });
    },
  };
}

// The renderer is loaded by Electron from file:// (hence the relative base) and by the browser
// bridge host over http(s); one build serves both.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  css: {
    postcss: { plugins: [mantinePresetExceptPdfjs()] },
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
