/**
 * Annotations on the document being read (issue #4): the tools (free-hand ink, highlight, sticky
 * note, colour, "Chia sẻ với mọi người" for the secretary and the chair, export), the layer over
 * the pages (AnnotationLayer) and the list of annotations beside them, which is also how a
 * keyboard user reaches each one (go to its page, share, delete).
 *
 * Annotations made on another version of the document are re-anchored by their text into this
 * one, or listed as not found ("Không tìm thấy vị trí trong phiên bản mới").
 *
 * Changes the server refused (a delegate's share, an edit of an annotation deleted on another
 * computer) are announced above the pages, worded from their code, until the user dismisses them.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Text,
  Textarea,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  useEffect,
  useEffectEvent,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { anchorFor, type Placement, type TextBox } from '../../../../common/annotations/anchoring';
import {
  ANNOTATION_COLORS,
  annotationBounds,
  type AnnotationShape,
  type PdfPoint,
  type PdfRect,
} from '../../../../common/domain/annotation';
import type { AnnotationMutation } from '../../../../common/annotations/mutations';
import type { AnnotationRefusal } from '../../../../common/ipc/contract';
import type { SyncState } from '../../../../common/tasks/syncState';
import { errorMessage } from '../../../i18n/errorMessage';
import { getApi, randomUuid } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { saveFile } from '../../../lib/saveFile';
import type { PdfViewerController, PdfViewerState } from '../PdfViewerController';
import { AnnotationLayer, type AnnotationTool, type DisplayedAnnotation } from './AnnotationLayer';
import { DocumentAnnotationsStore } from './DocumentAnnotationsStore';
import { computePlacements, resolveAnnotations, type ResolvedAnnotation } from './placements';
import { refusalChange, refusalReason } from './refusalText';

export interface DocumentAnnotationsProps {
  meetingId: string;
  documentId: string;
  /** The version being read. */
  version: number;
  title: string;
  /** The viewer's controller once the document is open (PdfViewer's `onController`). */
  controller: PdfViewerController | null;
  /** The viewer itself, laid out beside the list. */
  children: ReactNode;
}

/** One mutable value as an external store, so effects can hand objects to React without setState. */
class Slot<T> {
  #value: T | null = null;
  readonly #listeners = new Set<() => void>();
  readonly subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  readonly get = () => this.#value;
  set(value: T | null): void {
    this.#value = value;
    for (const listener of this.#listeners) listener();
  }
}

/** Each page's text runs, read once per open document. */
class PageTexts {
  readonly #controller: PdfViewerController | null;
  readonly #cache = new Map<number, Promise<TextBox[]>>();
  constructor(controller: PdfViewerController | null) {
    this.#controller = controller;
  }
  readonly get = (page: number): Promise<TextBox[]> => {
    let text = this.#cache.get(page);
    if (!text) {
      text = this.#controller
        ? this.#controller.pageText(page).catch(() => [])
        : Promise.resolve([]);
      this.#cache.set(page, text);
    }
    return text;
  };
}

const INK_WIDTH = 2;
const noSubscription = () => () => {};
const notReady = (): PdfViewerState | null => null;

export function DocumentAnnotations(props: DocumentAnnotationsProps) {
  const { meetingId, documentId, version, title, controller, children } = props;
  const { t } = useTranslation();
  const [storeSlot] = useState(() => new Slot<DocumentAnnotationsStore>());
  const [layerSlot] = useState(() => new Slot<AnnotationLayer>());
  const store = useSyncExternalStore(storeSlot.subscribe, storeSlot.get);
  const layer = useSyncExternalStore(layerSlot.subscribe, layerSlot.get);
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    store?.getSnapshot ?? (() => null),
  );
  const viewer = useSyncExternalStore(
    controller?.subscribe ?? noSubscription,
    controller?.getSnapshot ?? notReady,
  );
  const ready = viewer?.status === 'ready' && controller !== null;
  const pagesCount = viewer?.pagesCount ?? 0;

  const [tool, setTool] = useState<AnnotationTool>(null);
  const [color, setColor] = useState<string>(ANNOTATION_COLORS[1]);
  const [shareNew, setShareNew] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [noteAt, setNoteAt] = useState<{ page: number; at: PdfPoint } | null>(null);
  /** The own note whose text is being edited. */
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [placements, setPlacements] = useState<{
    of: readonly unknown[];
    map: Map<string, Placement | null>;
  } | null>(null);

  // One store per document, opened and closed with the reader.
  useEffect(() => {
    const opened = DocumentAnnotationsStore.open(getApi(), meetingId, documentId);
    storeSlot.set(opened);
    return () => {
      storeSlot.set(null);
      opened.close();
    };
  }, [storeSlot, meetingId, documentId]);

  // Page texts of the version read, once per page: to anchor new annotations, and to re-anchor
  // those made on another version.
  const pageText = useMemo(() => new PageTexts(controller).get, [controller]);

  const annotations = snapshot?.annotations;
  useEffect(() => {
    if (!ready || !annotations) return;
    let current = true;
    void computePlacements(annotations, version, pagesCount, pageText).then((map) => {
      if (current) setPlacements({ of: annotations, map });
    });
    return () => {
      current = false;
    };
  }, [ready, annotations, version, pagesCount, pageText]);

  const resolved = useMemo(
    () =>
      annotations
        ? resolveAnnotations(
            annotations,
            version,
            placements?.of === annotations ? placements.map : new Map(),
          )
        : [],
    [annotations, version, placements],
  );
  const userId = snapshot?.userId ?? null;
  const displayed = useMemo<DisplayedAnnotation[]>(
    () =>
      resolved
        .filter((r) => r.status !== 'lost')
        .map((r) => ({
          annotation: r.annotation,
          page: r.annotation.page,
          shape: r.annotation.shape,
          pending: snapshot?.pendingIds.has(r.stored.id) ?? false,
          label: markLabel(t, r, userId),
        })),
    [resolved, snapshot?.pendingIds, t, userId],
  );

  const mutate = async (mutation: AnnotationMutation): Promise<boolean> => {
    if (!store) return false;
    try {
      await store.mutate(mutation);
      return true;
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('annotations.failed'),
        message: errorMessage(t, error),
      });
      return false;
    }
  };

  const create = async (page: number, shape: AnnotationShape, preferredText?: string) => {
    const anchor = anchorFor(await pageText(page), annotationBounds(shape), preferredText);
    await mutate({
      name: 'annotation.create',
      args: {
        annotation: {
          id: randomUuid(),
          meetingId,
          documentId,
          version,
          page,
          color,
          shared: (snapshot?.canShare ?? false) && shareNew,
          anchor,
          shape,
        },
      },
    });
  };

  const onInk = useEffectEvent((page: number, stroke: PdfPoint[]) => {
    void create(page, { kind: 'ink', strokes: [stroke], width: INK_WIDTH });
  });
  const onNote = useEffectEvent((page: number, at: PdfPoint) => setNoteAt({ page, at }));
  const onHighlight = useEffectEvent(
    (selection: { page: number; rects: PdfRect[]; text: string }[]) => {
      for (const { page, rects, text } of selection)
        void create(page, { kind: 'highlight', rects, text: text.slice(0, 4000) }, text);
    },
  );
  const onSelect = useEffectEvent((id: string) => {
    setSelectedId(id);
    setListOpen(true);
  });

  // The layer over the pages, for as long as the document is open.
  useEffect(() => {
    if (!controller) return;
    const created = new AnnotationLayer(controller, {
      onInk: (page, stroke) => onInk(page, stroke),
      onNote: (page, at) => onNote(page, at),
      onHighlight: (selection) => onHighlight(selection),
      onSelect: (id) => onSelect(id),
    });
    layerSlot.set(created);
    return () => {
      layerSlot.set(null);
      created.close();
    };
  }, [controller, layerSlot]);

  useEffect(() => {
    layer?.setItems(displayed);
  }, [layer, displayed]);
  const canAnnotate = snapshot?.canAnnotate ?? false;
  useEffect(() => {
    layer?.setTool(canAnnotate ? tool : null, { color, inkWidth: INK_WIDTH });
  }, [layer, tool, color, canAnnotate]);

  const chooseTool = (next: Exclude<AnnotationTool, null>) => {
    // "Tô sáng" with text already selected highlights it at once (the keyboard way).
    if (next === 'highlight' && tool !== 'highlight' && layer?.highlightSelection()) return;
    setTool((current) => (current === next ? null : next));
  };

  const [exporting, setExporting] = useState(false);
  const exportPdf = async () => {
    setExporting(true);
    try {
      const result = await getApi().invoke('annotations.export', {
        meetingId,
        documentId,
        version,
        title,
        includeShared: false,
        placements: resolved
          .filter((r) => r.status === 'moved' && r.placement)
          .map((r) => ({ id: r.stored.id, ...r.placement! })),
      });
      saveFile(result.bytes, result.fileName, result.mimeType);
      notifications.show({
        color: 'green',
        message: t('annotations.exportDone', { fileName: result.fileName, count: result.count }),
      });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('annotations.exportFailed'),
        message: errorMessage(t, error),
      });
    } finally {
      setExporting(false);
    }
  };

  const mine = resolved.filter((r) => r.stored.author.id === userId).length;

  const dismissRefusals = async (mutationIds: number[]) => {
    try {
      await store?.dismissRejections(mutationIds);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(t, error) });
    }
  };

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Group
        gap="xs"
        wrap="wrap"
        role="toolbar"
        aria-label={t('annotations.toolbar')}
        data-testid="annotation-toolbar"
      >
        {canAnnotate && (
          <>
            {(['ink', 'highlight', 'note'] as const).map((kind) => (
              <Tooltip key={kind} label={t(`annotations.toolHints.${kind}`)} multiline w={260}>
                <Button
                  size="sm"
                  variant={tool === kind ? 'filled' : 'default'}
                  aria-pressed={tool === kind}
                  disabled={!ready}
                  onClick={() => chooseTool(kind)}
                  leftSection={<span aria-hidden>{TOOL_ICONS[kind]}</span>}
                >
                  {t(`annotations.tools.${kind}`)}
                </Button>
              </Tooltip>
            ))}
            <Group gap={4} role="radiogroup" aria-label={t('annotations.colors.label')}>
              {ANNOTATION_COLORS.map((c) => (
                <ActionIcon
                  key={c}
                  role="radio"
                  aria-checked={color === c}
                  aria-label={t(`annotations.colors.${c}`)}
                  variant={color === c ? 'outline' : 'subtle'}
                  color="dark"
                  size="lg"
                  onClick={() => setColor(c)}
                >
                  <span
                    aria-hidden
                    style={{
                      width: 16,
                      height: 16,
                      borderRadius: 8,
                      background: c,
                      display: 'inline-block',
                    }}
                  />
                </ActionIcon>
              ))}
            </Group>
            {snapshot?.canShare && (
              <Tooltip label={t('annotations.shareHint')}>
                <Switch
                  label={t('annotations.share')}
                  checked={shareNew}
                  onChange={(event) => setShareNew(event.currentTarget.checked)}
                />
              </Tooltip>
            )}
          </>
        )}
        <Button
          size="sm"
          variant={listOpen ? 'light' : 'default'}
          aria-expanded={listOpen}
          onClick={() => setListOpen((open) => !open)}
        >
          {t('annotations.list', { count: resolved.length })}
        </Button>
        <Button
          size="sm"
          variant="default"
          loading={exporting}
          disabled={!ready || mine === 0}
          onClick={() => void exportPdf()}
        >
          {t('annotations.export')}
        </Button>
        <SyncStatus sync={snapshot?.sync ?? null} />
      </Group>
      {snapshot && snapshot.rejections.length > 0 && (
        <RefusalNotice
          refusals={snapshot.rejections}
          onDismiss={(mutationIds) => void dismissRefusals(mutationIds)}
        />
      )}
      {snapshot?.status === 'ready' && !canAnnotate && (
        <Text size="sm" c="dimmed">
          {t('annotations.readOnly')}
        </Text>
      )}
      <Group wrap="nowrap" align="stretch" gap="xs" style={{ flex: 1, minHeight: 0 }}>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {children}
        </Box>
        {listOpen && (
          <AnnotationList
            items={resolved}
            userId={userId}
            canShare={snapshot?.canShare ?? false}
            pendingIds={snapshot?.pendingIds ?? new Set()}
            selectedId={selectedId}
            onGoTo={(page) => controller?.goToPage(page)}
            onMutate={(mutation) => void mutate(mutation)}
            onEdit={(id, text) => setEditing({ id, text })}
          />
        )}
      </Group>
      <NoteDialog
        key={editing?.id ?? 'new'}
        opened={noteAt !== null || editing !== null}
        initialText={editing?.text ?? ''}
        onClose={() => {
          setNoteAt(null);
          setEditing(null);
        }}
        onSave={(text) => {
          const target = noteAt;
          const edited = editing;
          setNoteAt(null);
          setEditing(null);
          if (edited) void mutate({ name: 'annotation.update', args: { id: edited.id, text } });
          else if (target) void create(target.page, { kind: 'note', at: target.at, text });
        }}
      />
    </Stack>
  );
}

const TOOL_ICONS = { ink: '✎', highlight: '▍', note: '🗒' } as const;

function markLabel(t: TFunction, r: ResolvedAnnotation, userId: string | null): string {
  const { shape, page } = r.annotation;
  const kind = t(`annotations.kinds.${shape.kind}`);
  const author = r.stored.author.id === userId ? t('annotations.item.mine') : r.stored.author.name;
  const text = shape.kind === 'ink' ? '' : shape.text;
  return text
    ? t('annotations.markLabelText', { kind, author, page, text })
    : t('annotations.markLabel', { kind, author, page });
}

function SyncStatus({ sync }: { sync: SyncState | null }) {
  const { t } = useTranslation();
  if (!sync) return null;
  let label: string;
  switch (sync.status) {
    case 'pending':
      label = t('annotations.sync.pending', { count: sync.pending });
      break;
    case 'synced':
    case 'syncing':
    case 'offline':
    case 'error':
      label = t(`annotations.sync.${sync.status}`);
      break;
  }
  return (
    <Text
      size="sm"
      c={sync.status === 'error' ? 'red' : 'dimmed'}
      role="status"
      data-testid="annotation-sync-status"
      data-status={sync.status}
      data-pending={sync.pending}
    >
      {label}
    </Text>
  );
}

/**
 * The refused changes, newest first, each with what was tried and why it was refused, and
 * "Đã hiểu" to dismiss it. An alert: it appears when a sync brings the refusal, and a screen
 * reader says so.
 */
function RefusalNotice({
  refusals,
  onDismiss,
}: {
  refusals: readonly AnnotationRefusal[];
  onDismiss: (mutationIds: number[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      p="xs"
      title={t('annotations.rejections.title', { count: refusals.length })}
      data-testid="annotation-rejections"
    >
      <Text size="sm" mb={4}>
        {t('annotations.rejections.hint')}
      </Text>
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {refusals.map((refusal) => {
          const change = refusalChange(t, refusal);
          return (
            <Group
              key={refusal.mutationId}
              component="li"
              gap="xs"
              wrap="nowrap"
              align="flex-start"
              justify="space-between"
              data-rejection-code={refusal.rejection.code}
              data-annotation-id={refusal.annotationId}
            >
              <Box>
                <Text size="sm" fw={600}>
                  {change}
                </Text>
                <Text size="sm">{refusalReason(t, refusal)}</Text>
                <Text size="xs" c="dimmed">
                  {t('annotations.rejections.at', { time: formatDateTime(refusal.at) })}
                </Text>
              </Box>
              <Button
                size="compact-sm"
                variant="default"
                aria-label={t('annotations.rejections.dismissLabel', { change })}
                onClick={() => onDismiss([refusal.mutationId])}
              >
                {t('annotations.rejections.dismiss')}
              </Button>
            </Group>
          );
        })}
      </Stack>
      {refusals.length > 1 && (
        <Button
          size="compact-sm"
          variant="subtle"
          mt={4}
          onClick={() => onDismiss(refusals.map((r) => r.mutationId))}
        >
          {t('annotations.rejections.dismissAll')}
        </Button>
      )}
    </Alert>
  );
}

function AnnotationList({
  items,
  userId,
  canShare,
  pendingIds,
  selectedId,
  onGoTo,
  onMutate,
  onEdit,
}: {
  items: readonly ResolvedAnnotation[];
  userId: string | null;
  canShare: boolean;
  pendingIds: ReadonlySet<string>;
  selectedId: string | null;
  onGoTo: (page: number) => void;
  onMutate: (mutation: AnnotationMutation) => void;
  onEdit: (id: string, text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      w={320}
      component="aside"
      aria-label={t('annotations.listTitle')}
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Text fw={700} mb="xs">
        {t('annotations.listTitle')}
      </Text>
      <ScrollArea style={{ flex: 1 }}>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('annotations.listEmpty')}
          </Text>
        )}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => {
            const { stored, annotation } = item;
            const own = stored.author.id === userId;
            const kind = t(`annotations.kinds.${stored.shape.kind}`);
            const text = stored.shape.kind === 'ink' ? null : stored.shape.text;
            return (
              <Paper
                key={stored.id}
                component="li"
                withBorder
                p="xs"
                data-annotation-item={stored.id}
                bg={selectedId === stored.id ? 'var(--mantine-color-yellow-0)' : undefined}
              >
                <Group gap={6} mb={4}>
                  <span
                    aria-hidden
                    style={{ width: 10, height: 10, borderRadius: 5, background: stored.color }}
                  />
                  <Text size="sm" fw={600}>
                    {kind} · {t('annotations.item.page', { page: annotation.page })}
                  </Text>
                  <Badge size="xs" variant="light" color={stored.shared ? 'blue' : 'gray'}>
                    {stored.shared ? t('annotations.item.shared') : t('annotations.item.private')}
                  </Badge>
                  {pendingIds.has(stored.id) && (
                    <Badge size="xs" variant="light" color="orange">
                      {t('annotations.item.pending')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {own
                    ? t('annotations.item.mine')
                    : t('annotations.item.by', { author: stored.author.name })}
                </Text>
                {text && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
                    {text}
                  </Text>
                )}
                {item.status === 'lost' && (
                  <Alert
                    color="orange"
                    variant="light"
                    p="xs"
                    mt={4}
                    title={t('annotations.item.lost')}
                  >
                    <Text size="xs">
                      {t('annotations.item.lostDetail', { version: stored.version })}
                    </Text>
                  </Alert>
                )}
                {item.status === 'moved' && (
                  <Text size="xs" c="dimmed">
                    {t('annotations.item.moved', { version: stored.version })}
                  </Text>
                )}
                <Group gap={4} mt={4}>
                  {item.status !== 'lost' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onGoTo(annotation.page)}
                    >
                      {t('annotations.item.goTo', { page: annotation.page })}
                    </Button>
                  )}
                  {own && canShare && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() =>
                        onMutate({
                          name: 'annotation.setShared',
                          args: { id: stored.id, shared: !stored.shared },
                        })
                      }
                    >
                      {stored.shared
                        ? t('annotations.item.unshare')
                        : t('annotations.item.shareOne')}
                    </Button>
                  )}
                  {own && stored.shape.kind === 'note' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onEdit(stored.id, text ?? '')}
                    >
                      {t('annotations.item.edit')}
                    </Button>
                  )}
                  {own && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('annotations.item.deleteLabel', {
                        kind,
                        page: annotation.page,
                      })}
                      onClick={() =>
                        onMutate({ name: 'annotation.delete', args: { id: stored.id } })
                      }
                    >
                      {t('annotations.item.delete')}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

function NoteDialog({
  opened,
  initialText,
  onClose,
  onSave,
}: {
  opened: boolean;
  /** The note's text when editing one (the dialog is keyed by the note, so this seeds it). */
  initialText: string;
  onClose: () => void;
  onSave: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialText);
  const save = () => {
    if (text.trim() === '') return;
    onSave(text.trim());
    setText('');
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('annotations.note.title')} centered>
      <Stack>
        <Textarea
          label={t('annotations.note.text')}
          autosize
          minRows={3}
          maxLength={4000}
          data-autofocus
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('annotations.note.cancel')}
          </Button>
          <Button onClick={save} disabled={text.trim() === ''}>
            {t('annotations.note.save')}
          </Button>
        </Group>
      </Stack>
      <VisuallyHidden>{t('annotations.toolHints.note')}</VisuallyHidden>
    </Modal>
  );
}
