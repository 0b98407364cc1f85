import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../common/domain/task';
import { errorMessage } from '../../i18n/errorMessage';
import { downloadTaskExport, type ExportFormat } from './exportTasks';

/** "Xuất Excel" and "Xuất PDF" for the tasks in view, in the order shown. */
export function ExportButtons({ tasks, title }: { tasks: readonly Task[]; title: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const fileName = await downloadTaskExport(
        format,
        tasks.map((task) => task.id),
        title,
      );
      notifications.show({ color: 'green', message: t('tasks.export.done', { fileName }) });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('tasks.export.failed'),
        message: errorMessage(t, error),
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs" role="group" aria-label={t('tasks.export.label')}>
      <Button
        variant="default"
        onClick={() => void run('xlsx')}
        loading={busy === 'xlsx'}
        disabled={tasks.length === 0 || (busy !== null && busy !== 'xlsx')}
      >
        {t('tasks.export.xlsx')}
      </Button>
      <Button
        variant="default"
        onClick={() => void run('pdf')}
        loading={busy === 'pdf'}
        disabled={tasks.length === 0 || (busy !== null && busy !== 'pdf')}
      >
        {t('tasks.export.pdf')}
      </Button>
    </Group>
  );
}
