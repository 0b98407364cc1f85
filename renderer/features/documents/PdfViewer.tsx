/**
 * The document reader: toolbar (pages, zoom, fit width, search), thumbnails sidebar, the pages
 * themselves (pdf.js, with a selectable text layer) and, for confidential documents, a watermark
 * with the reader's name and the time. It hosts a PdfViewerController, which does the work.
 *
 * Keyboard: PageUp / PageDown turn pages, Home / End go to the first / last page (outside text
 * boxes), Ctrl+F goes to the search box, Enter / Shift+Enter there select the next / previous hit,
 * Escape clears the search.
 */
import 'pdfjs-dist/web/pdf_viewer.css';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  memo,
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import {
  PdfViewerController,
  type PdfSource,
  type PdfViewerEvents,
  type PdfViewerState,
} from './PdfViewerController';
import { ThumbnailRenderer } from './ThumbnailRenderer';
import { formatScale, parsePageInput, thumbnailSize, type ScalePreset } from './viewerMath';
import { pageLabeller } from './viewerL10n';
import { watermarkTile } from './watermark';
import classes from './PdfViewer.module.css';

export interface PdfViewerProps {
  /**
   * The document: bytes (from the local document cache; the viewer works on a copy) or a URL.
   * A new Uint8Array or URL opens a new document, so keep it stable across renders.
   */
  source: PdfSource;
  /** The document's title: the accessible name of the page area. */
  title?: string;
  /** Draw the watermark with `viewerName` and the time over the pages. */
  confidential?: boolean;
  /** The reader's full name, for the watermark. */
  viewerName?: string;
  initialPage?: number;
  /** Default 'page-width'. */
  initialScale?: number | ScalePreset;
  /** Thumbnails sidebar shown at first; default true. */
  thumbnails?: boolean;
  onPageChanged?: (event: PdfViewerEvents['pageChanged']) => void;
  onScaleChanged?: (event: PdfViewerEvents['scaleChanged']) => void;
  /**
   * The controller of the open document (null when it closes), for imperative use: presenter sync
   * calls goToPage / setScale on it with `{ origin: 'remote' }`.
   */
  onController?: (controller: PdfViewerController | null) => void;
}

const THUMBNAIL_WIDTH = 120;

/** The mounted controller as an external store, so React reads it without an effect-set state. */
class ControllerSlot {
  #controller: PdfViewerController | null = null;
  readonly #listeners = new Set<() => void>();
  readonly subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  readonly get = () => this.#controller;
  set(controller: PdfViewerController | null): void {
    this.#controller = controller;
    for (const listener of this.#listeners) listener();
  }
}

const loadingState: PdfViewerState = {
  status: 'loading',
  pagesCount: 0,
  pageNumber: 1,
  scale: 1,
  scalePreset: null,
  pageSize: null,
  search: { query: '', status: 'idle', current: 0, total: 0 },
};
const noSubscription = () => () => {};

/**
 * One field of the viewer's state (loading until a controller is there). `pick` returns a
 * primitive or an object the controller keeps while unchanged, so a component re-renders only
 * when its field changes.
 */
function useViewerState<T>(
  controller: PdfViewerController | null,
  pick: (state: PdfViewerState) => T,
): T {
  return useSyncExternalStore(controller?.subscribe ?? noSubscription, () =>
    pick(controller?.getSnapshot() ?? loadingState),
  );
}

export function PdfViewer(props: PdfViewerProps) {
  const { source, title, confidential = false, viewerName, initialPage, initialScale } = props;
  const { t, i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [slot] = useState(() => new ControllerSlot());
  const controller = useSyncExternalStore(slot.subscribe, slot.get);
  // Everything but the page number: a page turn re-renders the page box and its buttons alone.
  const status = useViewerState(controller, (s) => s.status);
  const error = useViewerState(controller, (s) => s.error);
  const pagesCount = useViewerState(controller, (s) => s.pagesCount);
  const pageSize = useViewerState(controller, (s) => s.pageSize);
  const scale = useViewerState(controller, (s) => s.scale);
  const scalePreset = useViewerState(controller, (s) => s.scalePreset);
  const search = useViewerState(controller, (s) => s.search);
  const [thumbnailsOpen, setThumbnailsOpen] = useState(props.thumbnails ?? true);
  const sidebarId = useId();

  const onPageChanged = useEffectEvent((e: PdfViewerEvents['pageChanged']) =>
    props.onPageChanged?.(e),
  );
  const onScaleChanged = useEffectEvent((e: PdfViewerEvents['scaleChanged']) =>
    props.onScaleChanged?.(e),
  );
  const onController = useEffectEvent((c: PdfViewerController | null) => props.onController?.(c));

  // One controller per document: the bytes' identity or the URL decides what "same" means.
  const sourceKey = 'data' in source ? source.data : source.url;
  useEffect(() => {
    const container = containerRef.current;
    const viewer = viewerRef.current;
    if (!container || !viewer) return;
    const opened = PdfViewerController.open({
      container,
      viewer,
      source: typeof sourceKey === 'string' ? { url: sourceKey } : { data: sourceKey },
      pageLabel: pageLabeller((page) => t('documents.viewer.thumbnail', { page })),
      language: i18n.language,
      ...(initialPage !== undefined ? { initialPage } : {}),
      ...(initialScale !== undefined ? { initialScale } : {}),
    });
    const offPage = opened.on('pageChanged', onPageChanged);
    const offScale = opened.on('scaleChanged', onScaleChanged);
    slot.set(opened);
    onController(opened);
    return () => {
      offPage();
      offScale();
      onController(null);
      slot.set(null);
      opened.close();
    };
    // initialPage / initialScale apply when a document opens, not to an open one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slot, sourceKey]);

  // Ctrl+F anywhere while the reader is shown: the app has no other use for it, and Electron has
  // no find bar of its own.
  useEffect(() => {
    const abort = new AbortController();
    window.addEventListener(
      'keydown',
      (event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
          event.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
        }
      },
      { signal: abort.signal },
    );
    return () => abort.abort();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!controller || status !== 'ready' || event.altKey || event.ctrlKey) return;
    const inTextBox = (event.target as HTMLElement).tagName === 'INPUT';
    switch (event.key) {
      case 'PageDown':
        controller.nextPage();
        break;
      case 'PageUp':
        controller.previousPage();
        break;
      case 'Home':
        if (inTextBox) return;
        controller.goToPage(1);
        break;
      case 'End':
        if (inTextBox) return;
        controller.goToPage(pagesCount);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const ready = status === 'ready' && controller !== null;

  return (
    <div className={classes.root} onKeyDown={onKeyDown}>
      <div className={classes.toolbar} role="toolbar" aria-label={t('documents.viewer.toolbar')}>
        <Tooltip label={t('documents.viewer.thumbnails')}>
          <ActionIcon
            variant={thumbnailsOpen ? 'light' : 'subtle'}
            size="lg"
            aria-label={t('documents.viewer.thumbnails')}
            aria-expanded={thumbnailsOpen}
            aria-controls={sidebarId}
            onClick={() => setThumbnailsOpen((open) => !open)}
          >
            <span aria-hidden>▤</span>
          </ActionIcon>
        </Tooltip>

        <PageNavigation controller={ready ? controller : null} />

        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('documents.viewer.zoomOut')}
            disabled={!ready}
            onClick={() => controller?.zoomOut()}
          >
            <span aria-hidden>−</span>
          </ActionIcon>
          <Text
            className={classes.scaleLabel}
            size="sm"
            aria-label={t('documents.viewer.zoomLevel')}
            data-testid="pdf-scale"
            data-scale={scale}
          >
            {ready ? formatScale(scale) : '–'}
          </Text>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('documents.viewer.zoomIn')}
            disabled={!ready}
            onClick={() => controller?.zoomIn()}
          >
            <span aria-hidden>+</span>
          </ActionIcon>
          <Button
            variant={scalePreset === 'page-width' ? 'light' : 'subtle'}
            size="sm"
            aria-pressed={scalePreset === 'page-width'}
            disabled={!ready}
            onClick={() => controller?.setScale('page-width')}
          >
            {t('documents.viewer.fitWidth')}
          </Button>
          <Button
            variant={scalePreset === 'page-fit' ? 'light' : 'subtle'}
            size="sm"
            aria-pressed={scalePreset === 'page-fit'}
            disabled={!ready}
            onClick={() => controller?.setScale('page-fit')}
          >
            {t('documents.viewer.fitPage')}
          </Button>
        </Group>

        <SearchBox inputRef={searchRef} controller={controller} search={search} disabled={!ready} />

        {confidential && (
          <Badge color="red" variant="light" size="lg">
            {t('documents.viewer.confidential')}
          </Badge>
        )}
      </div>

      <div className={classes.body}>
        {thumbnailsOpen && (
          <ThumbnailSidebar
            id={sidebarId}
            controller={ready ? controller : null}
            pagesCount={pagesCount}
            pageSize={pageSize}
          />
        )}
        <div className={classes.stage}>
          <div
            ref={containerRef}
            className={classes.container}
            role="region"
            aria-label={title ?? t('documents.viewer.region')}
            // Focusable so that arrow keys scroll the pages once the reader clicks into them.
            tabIndex={0}
            data-testid="pdf-container"
          >
            <div ref={viewerRef} className="pdfViewer" />
          </div>
          {confidential && <Watermark viewerName={viewerName} />}
          {status === 'loading' && (
            <div className={classes.overlay} role="status">
              <Stack align="center" gap="sm">
                <Loader aria-hidden />
                <Text>{t('documents.viewer.loading')}</Text>
              </Stack>
            </div>
          )}
          {status === 'failed' && (
            <div className={classes.overlay}>
              <Alert color="red" role="alert" title={t('documents.viewer.errorTitle')} maw={520}>
                {t(`documents.viewer.errors.${error ?? 'unknown'}`)}
              </Alert>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The page box between previous and next: the only part of the toolbar that follows the page
 * number, so a page turn re-renders it and not the rest. `controller` is null until the document
 * is ready.
 */
function PageNavigation({ controller }: { controller: PdfViewerController | null }) {
  const { t } = useTranslation();
  const pageNumber = useViewerState(controller, (s) => s.pageNumber);
  const pagesCount = useViewerState(controller, (s) => s.pagesCount);
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        size="lg"
        aria-label={t('documents.viewer.previousPage')}
        aria-keyshortcuts="PageUp"
        disabled={!controller || pageNumber <= 1}
        onClick={() => controller?.previousPage()}
      >
        <span aria-hidden>‹</span>
      </ActionIcon>
      <PageInput
        pageNumber={pageNumber}
        pagesCount={pagesCount}
        disabled={!controller}
        onCommit={(page) => controller?.goToPage(page)}
      />
      <ActionIcon
        variant="subtle"
        size="lg"
        aria-label={t('documents.viewer.nextPage')}
        aria-keyshortcuts="PageDown"
        disabled={!controller || pageNumber >= pagesCount}
        onClick={() => controller?.nextPage()}
      >
        <span aria-hidden>›</span>
      </ActionIcon>
    </Group>
  );
}

/** The page box: shows the current page, and goes to the typed one on Enter or leaving the box. */
function PageInput({
  pageNumber,
  pagesCount,
  disabled,
  onCommit,
}: {
  pageNumber: number;
  pagesCount: number;
  disabled: boolean;
  onCommit: (page: number) => void;
}) {
  const { t } = useTranslation();
  const totalId = useId();
  // What the user is typing; null shows the current page.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const page = parsePageInput(draft, pagesCount);
    setDraft(null);
    if (page !== null && page !== pageNumber) onCommit(page);
  };
  return (
    <Group gap={6} wrap="nowrap">
      <TextInput
        className={classes.pageInput}
        size="sm"
        inputMode="numeric"
        aria-label={t('documents.viewer.pageNumber')}
        aria-describedby={totalId}
        disabled={disabled}
        value={draft ?? (pagesCount > 0 ? String(pageNumber) : '')}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onFocus={(event) => event.currentTarget.select()}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          else if (event.key === 'Escape') setDraft(null);
        }}
      />
      <Text size="sm" aria-hidden>
        / {pagesCount > 0 ? pagesCount : '–'}
      </Text>
      <VisuallyHidden id={totalId}>
        {t('documents.viewer.pagesTotal', { count: pagesCount })}
      </VisuallyHidden>
    </Group>
  );
}

function SearchBox({
  inputRef,
  controller,
  search,
  disabled,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  controller: PdfViewerController | null;
  search: PdfViewerState['search'];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const hasHits = search.total > 0;
  let status = '';
  if (search.status === 'pending') status = t('documents.viewer.searching');
  else if (search.status === 'notFound') status = t('documents.viewer.notFound');
  else if (search.status !== 'idle')
    status = t('documents.viewer.matches', { current: search.current, total: search.total });

  return (
    <Group gap={4} wrap="nowrap" className={classes.search} role="search">
      <TextInput
        ref={inputRef}
        size="sm"
        flex={1}
        type="search"
        aria-label={t('documents.viewer.search')}
        aria-keyshortcuts="Control+F"
        placeholder={t('documents.viewer.searchPlaceholder')}
        disabled={disabled}
        value={query}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setQuery(value);
          controller?.search(value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            controller?.findAgain(event.shiftKey);
          } else if (event.key === 'Escape') {
            setQuery('');
            controller?.clearSearch();
          }
        }}
      />
      <ActionIcon
        variant="subtle"
        size="lg"
        aria-label={t('documents.viewer.previousMatch')}
        aria-keyshortcuts="Shift+Enter"
        disabled={!hasHits}
        onClick={() => controller?.findAgain(true)}
      >
        <span aria-hidden>↑</span>
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        size="lg"
        aria-label={t('documents.viewer.nextMatch')}
        aria-keyshortcuts="Enter"
        disabled={!hasHits}
        onClick={() => controller?.findAgain(false)}
      >
        <span aria-hidden>↓</span>
      </ActionIcon>
      <Text size="sm" miw="6.5rem" aria-live="polite" data-testid="pdf-search-status">
        {status}
      </Text>
    </Group>
  );
}

function ThumbnailSidebar({
  id,
  controller,
  pagesCount,
  pageSize,
}: {
  id: string;
  controller: PdfViewerController | null;
  pagesCount: number;
  pageSize: PdfViewerState['pageSize'];
}) {
  const { t } = useTranslation();
  const currentPage = useViewerState(controller, (s) => s.pageNumber);
  const scrollerRef = useRef<HTMLElement>(null);
  const rendererRef = useRef<ThumbnailRenderer | null>(null);
  const size = thumbnailSize(pageSize?.width ?? 0, pageSize?.height ?? 0, THUMBNAIL_WIDTH);
  // The list (one item per page) is laid out only after the first page is drawn: 500 items
  // rendered at the same moment would delay the page the reader is waiting for.
  const [listFor, setListFor] = useState<PdfViewerController | null>(null);
  useEffect(() => {
    if (!controller) return;
    let current = true;
    void controller.firstPageRendered.then(() => current && setListFor(controller));
    return () => {
      current = false;
    };
  }, [controller]);
  const listed = listFor !== null && listFor === controller ? pagesCount : 0;

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!controller || !scroller || listed === 0) return;
    const renderer = new ThumbnailRenderer(controller, scroller, { width: THUMBNAIL_WIDTH });
    rendererRef.current = renderer;
    return () => {
      renderer.close();
      rendererRef.current = null;
    };
  }, [controller, listed]);

  // Follow the reader: the current page's thumbnail is marked, drawn first and scrolled to (by the
  // renderer, outside React: a page turn re-renders none of the 500 items). Declared after the
  // effect above, so on a new document it runs with the new renderer.
  useEffect(() => {
    rendererRef.current?.setCurrentPage(currentPage);
  }, [controller, listed, currentPage]);

  const goTo = useCallback((page: number) => controller?.goToPage(page), [controller]);
  return (
    <nav
      id={id}
      ref={scrollerRef}
      className={classes.sidebar}
      aria-label={t('documents.viewer.thumbnailList')}
    >
      <ThumbnailList count={listed} width={size.width} height={size.height} onSelect={goTo} />
    </nav>
  );
}

/**
 * One item per page. Memoised on what does not change while reading, so turning pages never
 * re-renders it; ThumbnailRenderer draws the bitmaps and marks the current page (aria-current).
 */
const ThumbnailList = memo(function ThumbnailList({
  count,
  width,
  height,
  onSelect,
}: {
  count: number;
  width: number;
  height: number;
  onSelect: (page: number) => void;
}) {
  const { t } = useTranslation();
  const items: React.ReactNode[] = [];
  for (let page = 1; page <= count; page++) {
    items.push(
      <li
        key={page}
        className={classes.thumbnailItem}
        style={{ containIntrinsicHeight: `auto ${height + 34}px` }}
      >
        <button
          type="button"
          className={classes.thumbnail}
          data-thumbnail={page}
          aria-label={t('documents.viewer.thumbnail', { page })}
          onClick={() => onSelect(page)}
        >
          <canvas data-page={page} width={0} height={0} style={{ width, height }} />
          <span aria-hidden>{page}</span>
        </button>
      </li>,
    );
  }
  return <ol className={classes.thumbnailList}>{items}</ol>;
});

/** The diagonal name-and-time watermark; the time moves on every minute. */
function Watermark({ viewerName }: { viewerName: string | undefined }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const lines = [viewerName ?? '', formatDateTime(now.toISOString())].filter(Boolean);
  return (
    <div
      className={classes.watermark}
      aria-hidden
      data-testid="pdf-watermark"
      style={{ backgroundImage: `url("${watermarkTile(lines)}")` }}
    />
  );
}
