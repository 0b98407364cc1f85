/**
 * "Nhập từ Excel": an office's staff list (.xlsx) read by main into rows, checked by the server
 * without writing (every row's unit, site and account, and why a row is refused), then written in
 * one go — "Ghi vào hệ thống" only once no row is refused. Imported accounts have no password
 * yet; the administrator sets a temporary one per person under "Người dùng".
 */
import { Alert, Badge, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../common/errors';
import {
  MAX_IMPORT_ROWS,
  type ImportColumn,
  type ImportResponse,
  type ImportRow,
  type ImportRowResult,
} from '../../../common/domain/directory';
import { LoadError } from '../../app/LoadError';
import { getApi } from '../../lib/api';
import { callServer, useServerQuery } from '../../lib/callServer';
import { directoryErrorMessage } from './directoryErrors';
import { UnitSelect } from './UnitSelect';

interface Checked {
  sheetName: string;
  headerLine: number;
  rows: ImportRow[];
  result: ImportResponse;
}

export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const fileId = useId();
  const hintId = useId();
  const units = useServerQuery('listUnits', {});
  const [file, setFile] = useState<File | null>(null);
  const [parentId, setParentId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState<'checking' | 'committing' | null>(null);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [done, setDone] = useState<ImportResponse | null>(null);

  if (units.status === 'error')
    return (
      <LoadError
        title={t('admin.units.loadFailed')}
        error={units.error}
        onRetry={units.reload}
        retrying={units.reloading}
      />
    );
  if (units.status === 'loading') return <Text role="status">{t('app.loading')}</Text>;
  // The province (the first unit at the top) unless the administrator chooses another.
  const parent =
    parentId ?? units.data.units.find((u) => u.parentId === null && !u.merged)?.id ?? '';

  const readError = (caught: unknown): string => {
    if (caught instanceof AppError) {
      const details = (caught.details ?? {}) as { reason?: unknown; missing?: unknown };
      if (details.reason === 'not_xlsx') return t('admin.import.readErrors.not_xlsx');
      if (details.reason === 'too_many_rows')
        return t('admin.import.readErrors.too_many_rows', { max: MAX_IMPORT_ROWS });
      if (details.reason === 'no_header' && Array.isArray(details.missing))
        return t('admin.import.readErrors.no_header', {
          missing: (details.missing as ImportColumn[])
            .map((c) => t(`admin.import.columnNames.${c}`))
            .join(', '),
        });
    }
    return directoryErrorMessage(t, caught, i18n.language);
  };

  const check = async () => {
    if (!file) return;
    setBusy('checking');
    setError(null);
    setChecked(null);
    setDone(null);
    let read;
    try {
      read = await getApi().invoke('directory.readSpreadsheet', {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
    } catch (caught) {
      setError({ title: t('admin.import.readFailed'), message: readError(caught) });
      setBusy(null);
      return;
    }
    try {
      const result = await callServer(
        'importDirectory',
        {},
        { parentUnitId: parent || null, dryRun: true, rows: read.rows },
      );
      setChecked({ ...read, result });
    } catch (caught) {
      setError({ title: t('admin.import.checkFailed'), message: readError(caught) });
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!checked) return;
    setBusy('committing');
    setError(null);
    try {
      const result = await callServer(
        'importDirectory',
        {},
        { parentUnitId: parent || null, dryRun: false, rows: checked.rows },
      );
      if (result.committed) {
        setDone(result);
        setChecked(null);
        units.reload();
      } else setChecked({ ...checked, result });
    } catch (caught) {
      setError({
        title: t('admin.import.commitFailed'),
        message: directoryErrorMessage(t, caught, i18n.language),
      });
    } finally {
      setBusy(null);
    }
  };

  const refused = checked?.result.summary.refused ?? 0;
  return (
    <Stack gap="md">
      <Text>{t('admin.import.intro')}</Text>
      <Group align="flex-end" gap="lg">
        <Stack gap={4}>
          <Text component="label" htmlFor={fileId} fw={500}>
            {t('admin.import.file')}
          </Text>
          <input
            id={fileId}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={hintId}
            disabled={busy !== null}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setChecked(null);
              setDone(null);
              setError(null);
            }}
          />
          <Text id={hintId} size="sm" c="dimmed">
            {file ? t('admin.import.chosen', { name: file.name }) : t('admin.import.fileHint')}
          </Text>
        </Stack>
        <UnitSelect
          label={t('admin.import.parent')}
          description={t('admin.import.parentHint')}
          units={units.data.units}
          topLevel={t('admin.topLevel')}
          value={parent}
          onChange={(value) => {
            setParentId(value ?? '');
            setChecked(null);
          }}
          w={360}
          disabled={busy !== null}
        />
        <Button onClick={() => void check()} disabled={!file} loading={busy === 'checking'}>
          {t('admin.import.check')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" title={error.title} role="alert">
          {error.message}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status">
          <Stack gap="xs">
            <Text>
              {t('admin.import.done', {
                users: done.summary.usersCreated,
                units: done.summary.unitsCreated,
                sites: done.summary.sitesCreated,
              })}
            </Text>
            <Text>{t('admin.import.noPasswords')}</Text>
          </Stack>
        </Alert>
      )}
      {checked && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('admin.import.sheet', { sheet: checked.sheetName, line: checked.headerLine })}
          </Text>
          {!checked.result.dryRun && !checked.result.committed && (
            <Alert color="red" role="alert">
              {t('admin.import.notCommitted')}
            </Alert>
          )}
          <Text role="status" fw={600}>
            {t('admin.import.summary', {
              rows: checked.result.summary.rows,
              refused,
              users: checked.result.summary.usersCreated,
              units: checked.result.summary.unitsCreated,
              sites: checked.result.summary.sitesCreated,
            })}
          </Text>
          <Group>
            <Button
              color="green"
              onClick={() => void commit()}
              disabled={refused > 0}
              loading={busy === 'committing'}
              aria-describedby={refused > 0 ? `${hintId}-blocked` : undefined}
            >
              {t('admin.import.commit')}
            </Button>
            {refused > 0 && (
              <Text id={`${hintId}-blocked`} c="red.9">
                {t('admin.import.commitBlocked', { count: refused })}
              </Text>
            )}
          </Group>
          <ResultTable rows={checked.result.rows} />
        </Stack>
      )}
    </Stack>
  );
}

function ActionBadge({ action }: { action: ImportRowResult['unit']['action'] }) {
  const { t } = useTranslation();
  if (action === 'none') return null;
  const color = action === 'create' ? 'blue' : action === 'earlier' ? 'cyan' : 'gray';
  return (
    <Badge variant="light" color={color}>
      {t(`admin.import.actions.${action}`)}
    </Badge>
  );
}

function ResultTable({ rows }: { rows: readonly ImportRowResult[] }) {
  const { t } = useTranslation();
  const columns = ['line', 'fullName', 'username', 'unit', 'site', 'result'] as const;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder fz="md" aria-label={t('admin.import.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {t(`admin.import.columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.line}
              bg={row.errors.length > 0 ? 'var(--mantine-color-red-0)' : undefined}
            >
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>{row.fullName}</Table.Td>
              <Table.Td>{row.username}</Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Text>{row.unit.name}</Text>
                  <ActionBadge action={row.unit.action} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Text>{row.site.name}</Text>
                  <ActionBadge action={row.site.action} />
                </Group>
              </Table.Td>
              <Table.Td>
                {row.errors.length > 0 ? (
                  <List size="sm" c="red.9">
                    {row.errors.map((e) => (
                      <List.Item key={e}>{e}</List.Item>
                    ))}
                  </List>
                ) : (
                  <Stack gap={2}>
                    <Text c="green.8">{t('admin.import.ok')}</Text>
                    {row.notes.map((n) => (
                      <Text key={n} size="sm" c="dimmed">
                        {n}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
