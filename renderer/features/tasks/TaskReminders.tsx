import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { vietnamDate } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import { taskReminders } from '../../../common/tasks/tracking';
import { formatDay } from './taskFormat';
import { useTasks } from './tasksStore';

/** Reminders shown once per user and app session. */
const reminded = new Set<string>();
const SHOWN_AT_ONCE = 3;

/**
 * When the app opens: reminds the lead agency of its tasks due within 3 days and of weekly
 * reports that are due, as in-app notifications. (A desktop notification from Electron's main
 * process, also when the window is closed, is a later step.)
 */
export function TaskReminders({ user }: { user: User }) {
  const { t } = useTranslation();
  const snapshot = useTasks(user.id);
  const ready = snapshot.status === 'ready';
  const tasks = snapshot.tasks;

  useEffect(() => {
    if (!ready || reminded.has(user.id)) return;
    reminded.add(user.id);
    const today = vietnamDate();
    const own = tasks.filter((task) => task.lead.id === user.agency.id);
    const reminders = taskReminders(own, today, 3);
    for (const reminder of reminders.slice(0, SHOWN_AT_ONCE)) {
      const { task } = reminder;
      if (reminder.kind === 'due_soon') {
        const date = formatDay(task.dueDate ?? today);
        notifications.show({
          color: 'orange',
          title: t('tasks.reminders.dueSoonTitle'),
          message:
            reminder.daysLeft === 0
              ? t('tasks.reminders.dueToday', { content: task.content, date })
              : t('tasks.reminders.dueIn', {
                  content: task.content,
                  date,
                  count: reminder.daysLeft,
                }),
          autoClose: 15_000,
        });
      } else {
        notifications.show({
          color: 'blue',
          title: t('tasks.reminders.weeklyTitle'),
          message: t('tasks.reminders.weekly', {
            content: task.content,
            count: reminder.daysSinceReport,
          }),
          autoClose: 15_000,
        });
      }
    }
    if (reminders.length > SHOWN_AT_ONCE) {
      notifications.show({
        color: 'gray',
        message: t('tasks.reminders.more', { count: reminders.length - SHOWN_AT_ONCE }),
        autoClose: 15_000,
      });
    }
  }, [ready, tasks, user.id, user.agency.id, t]);

  return null;
}
