/**
 * "Nhật ký hệ thống" (issue #15 §2): the audit log for administrators, newest first, filtered by
 * person, kind of action, meeting and Vietnam days, a page at a time ("Xem thêm"), and exported
 * to Excel (main pages through the same route and records the export on the server).
 */
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../common/errors';
import {
  auditTimeText,
  type AuditEntryView,
  type AuditFilter,
} from '../../../common/protocol/auditApi';
import { LoadError } from '../../app/LoadError';
import { getApi } from '../../lib/api';
import { callServer, useServerQuery } from '../../lib/callServer';
import { saveFile } from '../../lib/saveFile';
import { useIpcQuery } from '../../lib/useIpcQuery';
import { errorMessage } from '../../i18n/errorMessage';
import { DayInput } from '../tasks/DayInput';

/** The kinds of action the filter offers, each one or more action prefixes. */
const FAMILIES = {
  auth: 'auth.',
  meeting: 'meeting.',
  invitation: 'invitation.',
  document: 'document.,agenda.',
  room: 'room.,microphones.',
  task: 'task.',
  directory: 'directory.,admin.',
} as const;
type Family = keyof typeof FAMILIES | 'other';

const PAGE = 100;

function shorten(details: AuditEntryView['details']): string {
  if (!details) return '';
  const text = Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

export function AuditPanel() {
  const { t } = useTranslation();
  const users = useServerQuery('listDirectoryUsers', {}, { limit: 500 });
  const meetings = useIpcQuery('meetings.list', {});
  const [userId, setUserId] = useState<string | null>(null);
  const [family, setFamily] = useState<Family | null>(null);
  const [typed, setTyped] = useState('');
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  /** The pages "Xem thêm" added after the first, for the filters they were read with. */
  const [more, setMore] = useState<{
    key: string;
    entries: AuditEntryView[];
    nextBeforeId: number | null;
  } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<AppError | null>(null);
  const [exporting, setExporting] = useState(false);

  const typedPrefix = typed.trim().toLowerCase();
  const action =
    family === 'other'
      ? /^[a-z0-9_.]+$/.test(typedPrefix)
        ? typedPrefix
        : undefined
      : family
        ? FAMILIES[family]
        : undefined;
  const filter: AuditFilter = {
    ...(userId ? { userId } : {}),
    ...(action ? { action } : {}),
    ...(meetingId ? { meetingId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const filterKey = JSON.stringify(filter);
  const first = useServerQuery('listAuditLog', {}, { ...filter, limit: PAGE });
  const extra = more?.key === filterKey ? more : null;
  const entries =
    first.status === 'success' ? [...first.data.entries, ...(extra?.entries ?? [])] : [];
  const nextBeforeId =
    first.status === 'success' ? (extra ? extra.nextBeforeId : first.data.nextBeforeId) : null;

  const showMore = async () => {
    if (nextBeforeId === null) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await callServer(
        'listAuditLog',
        {},
        {},
        {
          ...filter,
          beforeId: nextBeforeId,
          limit: PAGE,
        },
      );
      setMore({
        key: filterKey,
        entries: [...(extra?.entries ?? []), ...page.entries],
        nextBeforeId: page.nextBeforeId,
      });
    } catch (e) {
      setMoreError(e as AppError);
    } finally {
      setLoadingMore(false);
    }
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      const file = await getApi().invoke('audit.export', filter);
      saveFile(file.bytes, file.fileName, file.mimeType);
      notifications.show({
        color: 'green',
        message: `${t('admin.audit.exported', { rows: file.rows, fileName: file.fileName })}${
          file.truncated ? ` ${t('admin.audit.exportTruncated', { rows: file.rows })}` : ''
        }`,
      });
    } catch (e) {
      notifications.show({
        color: 'red',
        title: t('admin.audit.exportFailed'),
        message: errorMessage(t, e),
      });
    } finally {
      setExporting(false);
    }
  };

  const actionText = (a: string) =>
    t(`admin.audit.actions.${a.replaceAll('.', '_')}`, { defaultValue: a });

  return (
    <Stack gap="md">
      <Group align="flex-end" role="group" aria-label={t('admin.audit.filtersLabel')}>
        <Select
          label={t('admin.audit.person')}
          placeholder={t('admin.audit.any')}
          searchable
          clearable
          w={260}
          value={userId}
          onChange={setUserId}
          data={
            users.status === 'success'
              ? users.data.users.map((u) => ({
                  value: u.id,
                  label: `${u.fullName} (${u.username})`,
                }))
              : []
          }
        />
        <Select
          label={t('admin.audit.action')}
          placeholder={t('admin.audit.any')}
          clearable
          w={200}
          value={family}
          onChange={(v) => setFamily(v as Family | null)}
          data={([...Object.keys(FAMILIES), 'other'] as Family[]).map((f) => ({
            value: f,
            label: t(`admin.audit.families.${f}`),
          }))}
        />
        {family === 'other' && (
          <TextInput
            label={t('admin.audit.otherAction')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            w={260}
          />
        )}
        <Select
          label={t('admin.audit.meeting')}
          placeholder={t('admin.audit.any')}
          searchable
          clearable
          w={300}
          value={meetingId}
          onChange={setMeetingId}
          data={
            meetings.status === 'success'
              ? meetings.data.meetings.map((m) => ({ value: m.id, label: m.title }))
              : []
          }
        />
        <DayInput label={t('admin.audit.from')} value={from} onChange={setFrom} w={160} />
        <DayInput label={t('admin.audit.to')} value={to} onChange={setTo} w={160} />
        <Button onClick={() => void exportExcel()} loading={exporting}>
          {t('admin.audit.export')}
        </Button>
      </Group>
      {first.status === 'error' ? (
        <LoadError
          title={t('admin.audit.loadFailed')}
          error={first.error}
          onRetry={first.reload}
          retrying={first.reloading}
        />
      ) : first.status === 'loading' ? (
        <Text role="status">{t('app.loading')}</Text>
      ) : entries.length === 0 ? (
        <Text c="dimmed">{t('admin.audit.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={800}>
            <Table striped withTableBorder fz="sm" aria-label={t('admin.audit.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.audit.time')}</Table.Th>
                  <Table.Th scope="col">{t('admin.audit.person')}</Table.Th>
                  <Table.Th scope="col">{t('admin.audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('admin.audit.subject')}</Table.Th>
                  <Table.Th scope="col">{t('admin.audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{auditTimeText(e.at)}</Table.Td>
                    <Table.Td>{e.user?.fullName ?? t('admin.audit.system')}</Table.Td>
                    <Table.Td title={e.action}>{actionText(e.action)}</Table.Td>
                    <Table.Td>{e.subject ?? ''}</Table.Td>
                    <Table.Td title={e.details ? JSON.stringify(e.details) : undefined}>
                      {shorten(e.details)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {moreError && (
            <Text c="red" role="alert">
              {errorMessage(t, moreError)}
            </Text>
          )}
          {nextBeforeId !== null && (
            <Group>
              <Button variant="default" onClick={() => void showMore()} loading={loadingMore}>
                {t('admin.audit.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
