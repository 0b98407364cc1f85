import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TaskProgress } from '../../../common/domain/task';
import { PROGRESS_COLORS } from './taskFormat';

/** A task's progress in words and colour (the words carry the meaning; colour only repeats it). */
export function ProgressBadge({ progress }: { progress: TaskProgress }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PROGRESS_COLORS[progress]}
      variant={progress === 'overdue' ? 'filled' : 'light'}
      size="lg"
      radius="sm"
      data-progress={progress}
      // Long Vietnamese words ("Hoàn thành đúng hạn") wrap instead of being cut with "…".
      h="auto"
      py={4}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 } }}
    >
      {t(`tasks.progress.${progress}`)}
    </Badge>
  );
}
