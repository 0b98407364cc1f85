/**
 * The localisation pdf.js's viewer components are given instead of their own (Fluent, English
 * strings): pdf.js's default connects the whole page container to a MutationObserver and formats
 * an English "Page N" label for each of a 500-page document's page boxes when it opens, which
 * cost about a tenth of the first page's time here and spoke English to screen-reader users.
 * The only message these components put in the DOM is the page landmark, which the controller
 * labels itself (see `labelPages`); `get` answers pdf.js's occasional other strings with its own
 * fallback.
 */
import type { PDFViewer } from './pdfjs';

type ViewerL10n = NonNullable<ConstructorParameters<typeof PDFViewer>[0]['l10n']>;

export function viewerL10n(language: string): ViewerL10n {
  const l10n = {
    getLanguage: () => language,
    getDirection: () => 'ltr',
    get: (_ids: unknown, _args: unknown, fallback: unknown) => Promise.resolve(fallback ?? ''),
    translate: () => Promise.resolve(),
    translateOnce: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
    pause: () => undefined,
    resume: () => undefined,
  };
  return l10n as unknown as ViewerL10n;
}

/**
 * A page label function that translates once: `translate` is called with a placeholder for the
 * page number, and each label is that text with the number put in. Labelling 500 page boxes with
 * a translation each took a tenth of the first page's time. Falls back to translating each page
 * when the placeholder does not come back (a translation that spells the number out).
 */
export function pageLabeller(translate: (page: string) => string): (page: number) => string {
  const slot = '#PAGE#';
  const template = translate(slot);
  if (!template.includes(slot)) return (page) => translate(String(page));
  return (page) => template.replace(slot, String(page));
}

/** Names each page box as a landmark ("Trang 12"), as pdf.js's own strings would have. */
export function labelPages(viewer: HTMLElement, pageLabel: (page: number) => string): void {
  for (const div of viewer.querySelectorAll<HTMLElement>('.page[data-page-number]')) {
    div.removeAttribute('data-l10n-id');
    div.removeAttribute('data-l10n-args');
    div.setAttribute('aria-label', pageLabel(Number(div.dataset.pageNumber)));
  }
}
