/**
 * Search across the meeting's documents (issue #4): a search box, then the documents that contain
 * the words, best first, each with "Trang N" and a snippet per hit (the hit in <mark>); choosing
 * one opens the document at that page (`onOpen`). Case and Vietnamese accents are ignored.
 * The search runs on the server: offline it says so plainly, and points to the viewer's own
 * search, which works in any open document.
 */
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SEARCH_QUERY_MAX,
  SEARCH_QUERY_MIN,
  type DocumentSearchResponse,
  type DocumentSearchResult,
  type SearchSnippet,
} from '../../../common/domain/documentSearch';
import { assertUnreachable, type AppError } from '../../../common/errors';
import { errorMessage } from '../../i18n/errorMessage';
import { getApi } from '../../lib/api';
import { toAppError } from '../../lib/contractChecks';
import { snippetPieces } from './searchMarks';

/** Where to open a document found: its current version, at a page. */
export interface AgendaSearchHit {
  documentId: string;
  version: number;
  /** 1-based. */
  page: number;
}

export interface AgendaSearchProps {
  meetingId: string;
  /** Opens the document (e.g. the agenda's reader) at the page of the hit chosen. */
  onOpen: (hit: AgendaSearchHit) => void;
}

type SearchState =
  | { status: 'idle' }
  | { status: 'invalid' }
  | { status: 'searching' }
  | { status: 'done'; response: DocumentSearchResponse }
  | { status: 'failed'; error: AppError };

export function AgendaSearch({ meetingId, onOpen }: AgendaSearchProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  // Only the latest search may settle the state: an earlier, slower answer is dropped.
  const latest = useRef(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (query.length < SEARCH_QUERY_MIN) {
      setState({ status: 'invalid' });
      return;
    }
    const attempt = ++latest.current;
    setState({ status: 'searching' });
    getApi()
      .invoke('documents.search', { meetingId, query })
      .then(
        (response) => {
          if (attempt === latest.current) setState({ status: 'done', response });
        },
        (error: unknown) => {
          if (attempt === latest.current) setState({ status: 'failed', error: toAppError(error) });
        },
      );
  };

  return (
    <Stack gap="sm">
      <form role="search" onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            size="md"
            type="search"
            label={t('documentSearch.label')}
            description={t('documentSearch.hint')}
            placeholder={t('documentSearch.placeholder')}
            value={text}
            maxLength={SEARCH_QUERY_MAX}
            onChange={(e) => setText(e.currentTarget.value)}
            error={state.status === 'invalid' ? t('documentSearch.tooShort') : undefined}
          />
          <Button type="submit" size="md" loading={state.status === 'searching'}>
            {t('documentSearch.submit')}
          </Button>
        </Group>
      </form>
      <SearchOutcome state={state} onOpen={onOpen} />
    </Stack>
  );
}

function SearchOutcome({
  state,
  onOpen,
}: {
  state: SearchState;
  onOpen: AgendaSearchProps['onOpen'];
}) {
  const { t } = useTranslation();
  switch (state.status) {
    case 'idle':
    case 'invalid':
      return null;
    case 'searching':
      return (
        <Text role="status" c="dimmed">
          {t('documentSearch.searching')}
        </Text>
      );
    case 'failed':
      return state.error.code === 'unavailable' ? (
        <Alert color="yellow" variant="light" title={t('documentSearch.offlineTitle')}>
          {t('documentSearch.offline')}
        </Alert>
      ) : (
        <Alert color="red" variant="light" title={t('documentSearch.failed')}>
          {errorMessage(t, state.error)}
        </Alert>
      );
    case 'done': {
      const { results, query } = state.response;
      if (results.length === 0)
        return <Text role="status">{t('documentSearch.none', { query })}</Text>;
      return (
        <Stack gap="sm" aria-label={t('documentSearch.results')} component="section">
          <Text role="status" fw={600}>
            {t('documentSearch.found', { count: results.length })}
          </Text>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {results.map((result) => (
              <ResultCard key={result.documentId} result={result} onOpen={onOpen} />
            ))}
          </Stack>
        </Stack>
      );
    }
    default:
      return assertUnreachable(state);
  }
}

function ResultCard({
  result,
  onOpen,
}: {
  result: DocumentSearchResult;
  onOpen: AgendaSearchProps['onOpen'];
}) {
  const { t } = useTranslation();
  const open = (page: number) =>
    onOpen({ documentId: result.documentId, version: result.version, page });
  const shown = new Set(result.snippets.map((s) => s.page));
  const otherPages = result.pages.filter((page) => !shown.has(page));
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={700} size="lg">
            {result.title}
          </Text>
          {result.confidential && (
            <Badge color="red" variant="light">
              {t('documentSearch.confidential')}
            </Badge>
          )}
          {result.hitCount > 0 && (
            <Text size="sm" c="dimmed">
              {t('documentSearch.hits', { count: result.hitCount })}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {result.agendaItemTitle}
        </Text>
        {result.snippets.map((snippet, index) => (
          <SnippetButton
            key={`${snippet.page}-${index}`}
            title={result.title}
            snippet={snippet}
            onOpen={open}
          />
        ))}
        {otherPages.length > 0 && (
          <Group gap="xs">
            <Text size="sm">{t('documentSearch.alsoOnPages')}</Text>
            {otherPages.map((page) => (
              <Button
                key={page}
                size="compact-sm"
                variant="light"
                aria-label={t('documentSearch.openAt', { title: result.title, page })}
                onClick={() => open(page)}
              >
                {t('documentSearch.page', { page })}
              </Button>
            ))}
          </Group>
        )}
        {result.hitCount === 0 && result.titleMatch && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('documentSearch.titleMatch')}
            </Text>
            <Button size="compact-sm" variant="light" onClick={() => open(1)}>
              {t('documentSearch.openDocument')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function SnippetButton({
  title,
  snippet,
  onOpen,
}: {
  title: string;
  snippet: SearchSnippet;
  onOpen: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Button
      variant="subtle"
      color="dark"
      justify="flex-start"
      h="auto"
      py={6}
      px="xs"
      styles={{ label: { whiteSpace: 'normal', textAlign: 'left', display: 'block' } }}
      // The visible page and snippet are the name; the title is there for a tooltip.
      title={t('documentSearch.openAt', { title, page: snippet.page })}
      onClick={() => onOpen(snippet.page)}
    >
      <Text component="span" fw={700} mr="xs">
        {t('documentSearch.page', { page: snippet.page })}
      </Text>
      <Text component="span" fw={400}>
        {snippetPieces(snippet.text, snippet.marks).map((piece, i) =>
          piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
        )}
      </Text>
    </Button>
  );
}
