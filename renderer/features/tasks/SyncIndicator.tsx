import { Badge, Button, Group, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isErrorCode } from '../../../common/errors';
import type { User } from '../../../common/domain/user';
import { rejectionCodeSchema } from '../../../common/tasks/mutations';
import type { SyncState } from '../../../common/tasks/syncState';
import { errorMessage } from '../../i18n/errorMessage';
import { formatDateTime } from '../../lib/format';
import { mutationKey } from './taskFormat';
import { getTasksStore, useTasks, type TaskRejection } from './tasksStore';

const COLORS: Record<SyncState['status'], string> = {
  synced: 'green',
  syncing: 'blue',
  pending: 'yellow',
  offline: 'orange',
  error: 'red',
};

/** The sync state in words: what the user needs to know about their changes. */
export function syncStatusText(t: TFunction, sync: SyncState): string {
  switch (sync.status) {
    case 'synced':
      return t('tasks.sync.synced');
    case 'syncing':
      return t('tasks.sync.syncing');
    case 'pending':
      return t('tasks.sync.pending', { count: sync.pending });
    case 'offline':
      return t('tasks.sync.offline');
    case 'error': {
      const code = sync.error?.code;
      const reason = isErrorCode(code)
        ? t(`errors.common.${code}`)
        : (sync.error?.message ?? t('errors.generic'));
      return t('tasks.sync.error', { reason });
    }
  }
}

/**
 * Task sync in the header: the state, how many changes wait to be sent, "Đồng bộ ngay", and the
 * changes the server refused with the reason.
 */
export function SyncIndicator({ user }: { user: User }) {
  const { t } = useTranslation();
  const snapshot = useTasks(user.id);
  const [syncing, setSyncing] = useState(false);
  const [showRejections, setShowRejections] = useState(false);
  const sync = snapshot.sync;
  if (!sync) return null;

  const syncNow = async () => {
    setSyncing(true);
    try {
      await getTasksStore(user.id).syncNow();
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('tasks.sync.label'),
        message: errorMessage(t, error),
      });
    } finally {
      setSyncing(false);
    }
  };

  const details = [
    sync.lastSyncedAt
      ? t('tasks.sync.lastSynced', { time: formatDateTime(sync.lastSyncedAt) })
      : t('tasks.sync.never'),
    sync.nextRetryAt ? t('tasks.sync.nextRetry', { time: formatDateTime(sync.nextRetryAt) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={t('tasks.sync.label')}>
      <Tooltip label={details} multiline w={300}>
        {/* Announced politely when it changes: the user learns that changes went out. */}
        <Stack gap={0} role="status" aria-live="polite" tabIndex={0} data-testid="sync-status">
          <Badge
            color={COLORS[sync.status]}
            variant="light"
            size="lg"
            radius="sm"
            leftSection={<span aria-hidden>●</span>}
            data-sync-status={sync.status}
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
            h="auto"
            py={4}
          >
            {syncStatusText(t, sync)}
          </Badge>
          {sync.pending > 0 && sync.status !== 'pending' && (
            <Text size="sm" fw={600} c="orange.9">
              {t('tasks.sync.pending', { count: sync.pending })}
            </Text>
          )}
        </Stack>
      </Tooltip>
      <Button
        variant="light"
        size="sm"
        onClick={() => void syncNow()}
        loading={syncing || sync.status === 'syncing'}
      >
        {t('tasks.sync.syncNow')}
      </Button>
      {snapshot.rejections.length > 0 && (
        <Button variant="subtle" color="red" size="sm" onClick={() => setShowRejections(true)}>
          {t('tasks.sync.rejections', { count: snapshot.rejections.length })}
        </Button>
      )}
      <Modal
        opened={showRejections}
        onClose={() => setShowRejections(false)}
        title={<Text fw={700}>{t('tasks.sync.rejectionsTitle')}</Text>}
        size="xl"
        closeButtonProps={{ 'aria-label': t('tasks.detail.close') }}
      >
        <RejectionList rejections={snapshot.rejections} userId={user.id} />
      </Modal>
    </Group>
  );
}

function RejectionList({
  rejections,
  userId,
}: {
  rejections: readonly TaskRejection[];
  userId: string;
}) {
  const { t } = useTranslation();
  const tasks = useTasks(userId).tasks;
  const contentOf = (id: string) => tasks.find((task) => task.id === id)?.content;
  return (
    <Stack gap="sm">
      <Text>{t('tasks.sync.rejectionsHint')}</Text>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder striped fz="md" aria-label={t('tasks.sync.rejectionsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tasks.sync.rejectionTask')}</Table.Th>
              <Table.Th scope="col">{t('tasks.sync.rejectionChange')}</Table.Th>
              <Table.Th scope="col">{t('tasks.sync.rejectionReason')}</Table.Th>
              <Table.Th scope="col">{t('tasks.sync.rejectionAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rejections.map((r) => {
              const code = rejectionCodeSchema.safeParse(r.rejection.code);
              const change = mutationKey(r.name);
              return (
                <Table.Tr key={r.mutationId}>
                  <Table.Td>
                    {contentOf(r.taskId) ?? t('tasks.sync.unknownTask', { id: r.taskId })}
                  </Table.Td>
                  <Table.Td>
                    {change in MUTATION_KEYS
                      ? t(`tasks.mutation.${change as keyof typeof MUTATION_KEYS}`)
                      : r.name}
                  </Table.Td>
                  <Table.Td>
                    {code.success ? t(`tasks.rejection.${code.data}`) : r.rejection.message}
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.at)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

const MUTATION_KEYS = {
  create: true,
  update: true,
  setStatus: true,
  report: true,
  extend: true,
  setDifficulties: true,
} as const;
