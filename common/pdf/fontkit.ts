/**
 * fontkit for pdf-lib, shared by everything that writes PDFs with the bundled Noto fonts (the
 * client's task export; the server's notice renderer can take it from here too).
 *
 * pdf-lib does no shaping, so callers NFC-normalise text first: every Vietnamese letter then maps
 * to one precomposed glyph of Noto, and stacked marks (ẫ ậ ặ ỗ ộ ợ ự) render correctly.
 */
import * as fontkitModule from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

/** pdf-lib does not export the type it expects from a fontkit. */
export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// The package is UMD for Node (namespace.default is fontkit) and ESM with a default export for
// bundlers; its typings declare neither, hence the cast.
const fontkit: Fontkit =
  (fontkitModule as unknown as { default?: Fontkit }).default ??
  (fontkitModule as unknown as Fontkit);

// pdf-lib parses the font file anew for every document, and its first layout then decodes the
// GSUB/GPOS tables: about 0.3 s per font per document. A parsed font is only read afterwards
// (each embedder makes its own subset), so one parse per font file serves every document, as
// long as callers pass the same bytes object each time.
const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();

/** Register this on each PDFDocument (`doc.registerFontkit(cachingFontkit)`). */
export const cachingFontkit: Fontkit = {
  create(bytes, postscriptName) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};
