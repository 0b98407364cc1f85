/**
 * Test page for the PDF viewer, built with the renderer's own Vite config (see ../pdfViewerHarness.ts)
 * and served by the BrowserHost with the app's CSP: the real bundle, worker and styles, without a
 * route into the app. It lives under tests/ only.
 *
 * `?src=<path>` fetches that PDF into bytes (as the document cache would hand them over) and opens
 * it; `&confidential=1&viewer=<name>` turns the watermark on; `&thumbnails=0` hides the sidebar.
 * `window.pdfHarness` lets the benchmark open documents and turn pages with timing.
 */
import '@mantine/core/styles.css';
import '../../../renderer/app/global.css';

import { MantineProvider } from '@mantine/core';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { theme } from '../../../renderer/app/theme';
import { PdfViewer } from '../../../renderer/features/documents/PdfViewer';
import type {
  ChangeOrigin,
  PdfViewerController,
  PdfViewerEvents,
} from '../../../renderer/features/documents/PdfViewerController';
import { SignalingClient } from '../../../common/protocol/SignalingClient';
import { initI18n } from '../../../renderer/i18n';
import { PresentationChannel } from '../../../renderer/media/PresentationChannel';

/** What the benchmark drives through page.evaluate. */
export interface PdfHarness {
  /** Fetches `src` into memory (not timed). */
  load(src: string): Promise<number>;
  /**
   * Opens the loaded bytes in a fresh viewer; ms from the call to the first page drawn. With
   * `goTo`, goToPage(goTo.page, { origin: goTo.origin }) is called as soon as the controller
   * exists, before the document has loaded (a presenter's page reaching a follower early).
   */
  open(goTo?: { page: number; origin: ChangeOrigin }): Promise<number>;
  /** goToPage(n) on the open viewer; ms from the call to page n's canvas drawn. */
  flip(pageNumber: number): Promise<number>;
  /** Unmounts the viewer (closing its controller). */
  close(): Promise<void>;
  /** The open controller's goToPage / setScale, as presenter sync would call them. */
  goToPage(page: number, origin: ChangeOrigin): void;
  setScale(scale: number | 'page-width' | 'page-fit', origin: ChangeOrigin): void;
  /** Every pageChanged / scaleChanged event the viewer reported, oldest first. */
  events: HarnessEvent[];
  /**
   * Joins a meeting's room (signaling only, as the app does) and follows its presenter through
   * the app's PresentationChannel: each presented page is shown with origin 'remote'; `synced`
   * records when each one was drawn (Date.now(), comparable with the presenter's clock on the
   * same machine).
   */
  follow(signalingUrl: string, ticket: string): Promise<void>;
  synced: { page: number; seq: number; drawnAt: number }[];
}

export type HarnessEvent =
  | ({ type: 'pageChanged' } & PdfViewerEvents['pageChanged'])
  | ({ type: 'scaleChanged' } & PdfViewerEvents['scaleChanged']);

declare global {
  interface Window {
    pdfHarness?: PdfHarness;
  }
}

const params = new URLSearchParams(location.search);
/** Set while the harness is mounted: the viewer's onController goes to the benchmark API. */
let harnessController: ((c: PdfViewerController | null) => void) | undefined;

interface Opened {
  key: number;
  data: Uint8Array;
}

function Harness() {
  const [opened, setOpened] = useState<Opened | null>(null);

  useEffect(() => {
    let bytes: Uint8Array | undefined;
    let key = 0;
    let current: PdfViewerController | null = null;
    const waiters = new Set<(c: PdfViewerController | null) => void>();
    const onController = (c: PdfViewerController | null) => {
      current = c;
      for (const w of waiters) w(c);
    };
    const nextController = () =>
      new Promise<PdfViewerController>((resolve) => {
        const waiter = (c: PdfViewerController | null) => {
          if (!c) return;
          waiters.delete(waiter);
          resolve(c);
        };
        waiters.add(waiter);
      });
    harnessController = onController;

    /** goToPage(n) on the open viewer; resolves once page n's canvas is drawn. */
    const showPage = (pageNumber: number, origin: ChangeOrigin) => {
      const controller = current;
      if (!controller) return Promise.reject(new Error('open() first'));
      return new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => {
          off();
          reject(new Error(`page ${pageNumber} not drawn within 10 s`));
        }, 10_000);
        const done = () => {
          clearTimeout(timeout);
          off();
          resolve();
        };
        const off = controller.on('pageRendered', (e) => {
          if (e.pageNumber === pageNumber) done();
        });
        controller.goToPage(pageNumber, { origin });
        // Still drawn from an earlier visit (pdf.js keeps the last pages): nothing to wait for.
        const div = document.querySelector(`.page[data-page-number="${pageNumber}"]`);
        if (div?.getAttribute('data-loaded') === 'true' && div.querySelector('canvas')) done();
      });
    };

    window.pdfHarness = {
      async load(src) {
        bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
        return bytes.length;
      },
      async open(goTo) {
        if (!bytes) throw new Error('load() first');
        const started = performance.now();
        const next = nextController();
        setOpened({ key: ++key, data: bytes });
        const controller = await next;
        if (goTo) controller.goToPage(goTo.page, { origin: goTo.origin });
        await controller.firstPageRendered;
        return performance.now() - started;
      },
      flip(pageNumber) {
        const started = performance.now();
        return showPage(pageNumber, 'user').then(() => performance.now() - started);
      },
      async close() {
        setOpened(null);
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
      goToPage(page, origin) {
        current?.goToPage(page, { origin });
      },
      setScale(scale, origin) {
        current?.setScale(scale, { origin });
      },
      events: [],
      synced: [],
      async follow(signalingUrl, ticket) {
        const client = await SignalingClient.connect(signalingUrl, ticket);
        const channel = new PresentationChannel((method, data) => client.request(method, data));
        client.onNotification = (method, data) => {
          if (method === 'presentationChanged') channel.apply(data);
        };
        const { routerRtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
        await client.request('join', { rtpCapabilities: routerRtpCapabilities });
        let shownSeq = -1;
        channel.subscribe(() => {
          const presentation = channel.getSnapshot().state?.presentation;
          if (!presentation || presentation.seq <= shownSeq) return;
          shownSeq = presentation.seq;
          const { page, seq } = presentation;
          void showPage(page, 'remote').then(() =>
            window.pdfHarness?.synced.push({ page, seq, drawnAt: Date.now() }),
          );
        });
        await channel.refresh();
      },
    };

    const src = params.get('src');
    if (src) void window.pdfHarness.load(src).then(() => window.pdfHarness?.open());
    return () => {
      harnessController = undefined;
      delete window.pdfHarness;
    };
  }, []);

  return (
    <div style={{ height: '100vh', padding: 8, boxSizing: 'border-box' }}>
      {opened && (
        <PdfViewer
          key={opened.key}
          source={{ data: opened.data }}
          title="Tài liệu thử nghiệm"
          confidential={params.get('confidential') === '1'}
          viewerName={params.get('viewer') ?? undefined}
          thumbnails={params.get('thumbnails') !== '0'}
          onController={(c) => harnessController?.(c)}
          onPageChanged={(e) => window.pdfHarness?.events.push({ type: 'pageChanged', ...e })}
          onScaleChanged={(e) => window.pdfHarness?.events.push({ type: 'scaleChanged', ...e })}
        />
      )}
    </div>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
void initI18n().then(() =>
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Harness />
      </MantineProvider>
    </StrictMode>,
  ),
);
