import { Box, Group, Stack, Text, Title } from '@mantine/core';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../common/domain/task';
import { TASK_PROGRESS_VALUES } from '../../../common/tasks/tracking';
import { ganttLayout } from './ganttLayout';
import { formatDay, PROGRESS_COLORS } from './taskFormat';
import classes from './TaskGantt.module.css';

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/**
 * A simple Gantt chart of a meeting's tasks: one row per task, a bar from assignment to due
 * date coloured by progress, and today's line. Rows are a list of focusable items (Tab reaches
 * the first, arrows move, Enter opens), each with a spoken summary.
 */
export function TaskGantt({
  tasks,
  today,
  onOpen,
  headingLevel = 2,
}: {
  tasks: readonly Task[];
  today: string;
  onOpen: (taskId: string) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const layout = ganttLayout(tasks, today);
  if (!layout) return <Text c="dimmed">{t('tasks.gantt.empty')}</Text>;

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number, taskId: string) => {
    const rows = listRef.current?.querySelectorAll<HTMLLIElement>('[data-gantt-row]');
    if (!rows) return;
    let target: number | null = null;
    if (event.key === 'ArrowDown') target = Math.min(rows.length - 1, index + 1);
    else if (event.key === 'ArrowUp') target = Math.max(0, index - 1);
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = rows.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(taskId);
      return;
    }
    if (target === null) return;
    event.preventDefault();
    rows[target]?.focus();
  };

  return (
    <Stack gap="sm">
      <Title order={headingLevel} size="h4">
        {t('tasks.gantt.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('tasks.gantt.hint')}
      </Text>
      <Group gap="md" aria-label={t('tasks.gantt.legend')} role="group">
        {TASK_PROGRESS_VALUES.map((progress) => (
          <Group key={progress} gap={6}>
            <Box
              w={14}
              h={14}
              bg={`${PROGRESS_COLORS[progress]}.6`}
              style={{ borderRadius: 3 }}
              aria-hidden
            />
            <Text size="sm">{t(`tasks.progress.${progress}`)}</Text>
          </Group>
        ))}
      </Group>

      <div className={classes.chart}>
        <div
          className={classes.axis}
          aria-label={t('tasks.gantt.axis', {
            start: formatDay(layout.start),
            end: formatDay(layout.end),
          })}
          role="img"
        >
          <span className={classes.labelColumn} aria-hidden />
          <div className={classes.track} aria-hidden>
            {layout.ticks.map((tick) => (
              <span key={tick.label} className={classes.tick} style={{ left: pct(tick.offset) }}>
                {tick.label}
              </span>
            ))}
            <span className={classes.todayLabel} style={{ left: pct(layout.today) }}>
              {t('tasks.gantt.today')}
            </span>
          </div>
        </div>
        <ul className={classes.rows} ref={listRef} aria-label={t('tasks.gantt.title')}>
          {layout.bars.map((bar, index) => {
            const label = t('tasks.gantt.rowLabel', {
              content: bar.task.content,
              lead: bar.task.lead.name,
              start: formatDay(bar.start),
              end: bar.openEnded ? t('tasks.gantt.openEnded') : formatDay(bar.end),
              progress: t(`tasks.progress.${bar.progress}`),
            });
            return (
              <li
                key={bar.task.id}
                className={classes.row}
                data-gantt-row
                data-testid={`gantt-row-${bar.task.id}`}
                tabIndex={index === 0 ? 0 : -1}
                aria-label={label}
                onKeyDown={(event) => onKeyDown(event, index, bar.task.id)}
                onFocus={(event) => {
                  // Roving tab stop: the focused row becomes the one Tab returns to.
                  listRef.current
                    ?.querySelectorAll<HTMLLIElement>('[data-gantt-row]')
                    .forEach((row) => (row.tabIndex = row === event.currentTarget ? 0 : -1));
                }}
                onClick={() => onOpen(bar.task.id)}
              >
                <span className={classes.labelColumn} aria-hidden>
                  <span className={classes.rowTitle}>{bar.task.content}</span>
                  <span className={classes.rowLead}>{bar.task.lead.name}</span>
                </span>
                <span className={classes.track} aria-hidden>
                  {layout.ticks.map((tick) => (
                    <span
                      key={tick.label}
                      className={classes.gridLine}
                      style={{ left: pct(tick.offset) }}
                    />
                  ))}
                  <span
                    className={classes.bar}
                    data-open-ended={bar.openEnded || undefined}
                    style={{
                      left: pct(bar.offset),
                      width: pct(bar.width),
                      background: `var(--mantine-color-${PROGRESS_COLORS[bar.progress]}-6)`,
                    }}
                  />
                  <span className={classes.todayLine} style={{ left: pct(layout.today) }} />
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </Stack>
  );
}
