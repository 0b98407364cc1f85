import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReminderNotice } from '../../../common/ipc/contract';
import { assertUnreachable } from '../../../common/errors';
import type { User } from '../../../common/domain/user';
import { getApi } from '../../lib/api';
import { formatDay } from './taskFormat';

/**
 * Shows the reminders main's TaskReminderService sends (`tasks.reminder`): due dates within 3
 * days and weekly reports that are due, for the user's agency's tasks, once a day each. In the
 * desktop app main shows them as native notifications and this shows only what it could not; in
 * a browser each one is a toast and, where the user allowed notifications for this site, a Web
 * Notification as well. Clicking either opens the task.
 */
export function TaskReminders({
  user,
  onOpenTask,
}: {
  user: User;
  /** Shows the task (null: the task list). */
  onOpenTask: (taskId: string | null) => void;
}) {
  const { t } = useTranslation();

  useEffect(() => {
    const api = getApi();
    const show = (notice: ReminderNotice) => {
      const { title, message } = wording(t, notice);
      const id = notifications.show({
        color:
          notice.kind === 'due_soon' ? 'orange' : notice.kind === 'weekly_report' ? 'blue' : 'gray',
        title,
        message: (
          <>
            {message}{' '}
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                notifications.hide(id);
                onOpenTask(notice.taskId);
              }}
            >
              {notice.taskId ? t('tasks.reminders.open') : t('tasks.reminders.openList')}
            </Anchor>
          </>
        ),
        autoClose: 15_000,
      });
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        const desktop = new Notification(title, {
          body: message,
          // One per task and kind: a repeat replaces the earlier one instead of piling up.
          tag: `phonghop-${notice.kind}-${notice.taskId ?? 'more'}`,
        });
        desktop.onclick = () => {
          window.focus();
          notifications.hide(id);
          onOpenTask(notice.taskId);
          desktop.close();
        };
      }
    };
    const unsubscribe = api.on('tasks.reminder', show);
    // Listening now: main checks at once and sends what is due (it logs what it showed, so this
    // runs again harmlessly after a reload).
    void api.invoke('tasks.checkReminders', {}).catch(() => undefined);
    return unsubscribe;
  }, [t, onOpenTask, user.id]);

  return null;
}

/** The toast's words in the UI's language (main's own words serve the desktop notification). */
function wording(
  // i18next's TFunction: react-i18next's `t` type, with the app's ~700 keys, made this call
  // "excessively deep" for tsc.
  t: TFunction,
  notice: ReminderNotice,
): { title: string; message: string } {
  switch (notice.kind) {
    case 'due_soon': {
      const date = formatDay(notice.dueDate);
      return {
        title: t('tasks.reminders.dueSoonTitle'),
        message:
          notice.daysLeft === 0
            ? t('tasks.reminders.dueToday', { content: notice.content, date })
            : t('tasks.reminders.dueIn', {
                content: notice.content,
                date,
                count: notice.daysLeft,
              }),
      };
    }
    case 'weekly_report':
      return {
        title: t('tasks.reminders.weeklyTitle'),
        message: t('tasks.reminders.weekly', {
          content: notice.content,
          count: notice.daysSinceReport,
        }),
      };
    case 'more':
      return {
        title: t('tasks.reminders.moreTitle'),
        message: t('tasks.reminders.more', { count: notice.count }),
      };
    default:
      return assertUnreachable(notice);
  }
}
