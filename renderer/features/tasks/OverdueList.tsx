import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverdueGroup } from '../../../common/tasks/tracking';
import { formatDay } from './taskFormat';

/**
 * "Danh sách đơn vị chưa hoàn thành": overdue tasks grouped by lead agency, the agency with the
 * most first, each task with how many days it is overdue.
 */
export function OverdueList({
  groups,
  onOpen,
  headingLevel = 2,
}: {
  groups: readonly OverdueGroup[];
  onOpen: (taskId: string) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} data-testid="overdue-list">
      <Title order={headingLevel} size={headingLevel === 2 ? 'h3' : 'h4'} id={headingId}>
        {t('tasks.overdueList.title')}
      </Title>
      {groups.length === 0 ? (
        <Text c="dimmed">{t('tasks.overdueList.empty')}</Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {groups.map((group) => (
            <li key={group.key} data-testid="overdue-agency">
              <Card withBorder padding="md" radius="md">
                <Stack gap="xs">
                  <Group gap="sm">
                    <Title order={(headingLevel + 1) as 3 | 4} size="h5">
                      {group.agency.name}
                    </Title>
                    <Badge color="red" variant="filled" radius="sm">
                      {t('tasks.overdueList.agencyCount', { count: group.tasks.length })}
                    </Badge>
                  </Group>
                  <Stack component="ul" gap={6} pl="md" m={0}>
                    {group.tasks.map(({ task, daysOverdue }) => (
                      <li key={task.id}>
                        <Anchor
                          component="button"
                          type="button"
                          ta="left"
                          fz="md"
                          onClick={() => onOpen(task.id)}
                        >
                          {task.content}
                        </Anchor>
                        <Text size="sm" c="red.9">
                          {task.dueDate ? `${formatDay(task.dueDate)} — ` : ''}
                          {t('tasks.table.overdueBy', { count: daysOverdue })}
                        </Text>
                      </li>
                    ))}
                  </Stack>
                </Stack>
              </Card>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
