/**
 * The in-app screen-share source picker (issue #3). In Electron, getDisplayMedia reaches main
 * (main/electron/displayMedia.ts), which lists the screens and windows and asks this service
 * which one to share: it offers them to the renderer (`pick`, published as `screenShare.pick`)
 * and resolves with the renderer's answer (`select`, the `screenShare.select` call).
 *
 * One request is pending at a time: a new one ends the old with null, as do a timeout and
 * `close()`. Every end is announced (`pickEnded`) so a picker still open in some window closes.
 *
 * Plain Node (no Electron): the browser host's test route drives it the same way.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { InvalidError, InvalidStateError } from '../../common/errors';
import {
  screenSourcesSchema,
  type ScreenSharePick,
  type ScreenSource,
} from '../../common/ipc/screenShare';

export interface ScreenSourcePickerEvents {
  /** Show the picker with these sources. */
  pick: [request: ScreenSharePick];
  /** The request ended, whatever the outcome: its picker closes. */
  pickEnded: [requestId: string];
}

export interface ScreenSourcePickerOptions {
  /** The user has this long to choose; then the request ends with null. @default 60 s */
  timeoutMs?: number;
  /**
   * Whether a renderer is there to show the picker (the browser host: a page of this profile is
   * connected). When not, `choose` answers null at once instead of waiting for the timeout.
   */
  isRendererListening?: () => boolean;
  logger?: Logger;
}

interface PendingRequest {
  readonly id: string;
  readonly sourceIds: ReadonlySet<string>;
  readonly resolve: (sourceId: string | null) => void;
  readonly timer: NodeJS.Timeout;
}

export class ScreenSourcePicker extends EventEmitter<ScreenSourcePickerEvents> {
  readonly #timeoutMs: number;
  readonly #isRendererListening: () => boolean;
  readonly #logger: Logger | undefined;
  #pending: PendingRequest | undefined;
  #closed = false;

  constructor(options: ScreenSourcePickerOptions = {}) {
    super();
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#isRendererListening = options.isRendererListening ?? (() => true);
    this.#logger = options.logger;
  }

  /** The id of the request waiting for an answer, if any. */
  get pendingRequestId(): string | undefined {
    return this.#pending?.id;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Asks the user to pick one of `sources`: the chosen source's id, or null when the user
   * cancelled, did not answer in time, another request replaced this one, or nobody can be asked.
   * Rejects with InvalidError when a source does not match the contract (a renderer would drop
   * the event and the user would see nothing).
   */
  choose(sources: readonly ScreenSource[]): Promise<string | null> {
    const parsed = screenSourcesSchema.safeParse(sources);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.reject(
        new InvalidError(
          `Invalid screen sources${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? ''}`,
        ),
      );
    }
    // NOTE: the old request ends first, so its `pickEnded` reaches the renderer before the new
    // `pick`, and a renderer closing "its" picker cannot close the new one.
    this.#end(null);
    if (this.#closed || parsed.data.length === 0 || !this.#isRendererListening()) {
      return Promise.resolve(null);
    }
    const id = randomUUID();
    return new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => {
        this.#logger?.info({ requestId: id }, 'screen share: no source chosen in time');
        this.#end(null);
      }, this.#timeoutMs);
      timer.unref?.();
      this.#pending = { id, sourceIds: new Set(parsed.data.map((s) => s.id)), resolve, timer };
      this.emit('pick', { requestId: id, sources: parsed.data });
    });
  }

  /**
   * The renderer's answer: a source of the pending request, or null to cancel. Throws
   * InvalidStateError when `requestId` is not the pending request (already answered, replaced,
   * timed out), and InvalidError when the source was not offered (the request stays pending).
   */
  select(requestId: string, sourceId: string | null): void {
    const pending = this.#pending;
    if (!pending || pending.id !== requestId) {
      throw new InvalidStateError('This screen share request is no longer waiting for an answer');
    }
    if (sourceId !== null && !pending.sourceIds.has(sourceId)) {
      throw new InvalidError('This source was not offered for sharing');
    }
    this.#end(sourceId);
  }

  /** Idempotent: ends a pending request with null; later requests answer null at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#end(null);
  }

  #end(sourceId: string | null): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(sourceId);
    this.emit('pickEnded', pending.id);
  }
}

/** What main/electron/displayMedia.ts reads of Electron's `DesktopCapturerSource`. */
export interface CapturerSourceLike {
  id: string;
  name: string;
  thumbnail: ImageLike;
  appIcon: ImageLike | null;
}
interface ImageLike {
  isEmpty(): boolean;
  toDataURL(): string;
}

/** A desktopCapturer source as the picker offers it. */
export function toScreenSource(source: CapturerSourceLike): ScreenSource {
  const appIcon =
    source.appIcon && !source.appIcon.isEmpty() ? source.appIcon.toDataURL() : undefined;
  return {
    id: source.id,
    name: source.name,
    kind: source.id.startsWith('screen:') ? 'screen' : 'window',
    // An empty image (a minimised window) still gives a valid, empty data URL.
    thumbnail: source.thumbnail.isEmpty() ? 'data:image/png;base64,' : source.thumbnail.toDataURL(),
    ...(appIcon ? { appIcon } : {}),
  };
}
