import { Notification } from 'electron';
import type { ReminderNotice } from '../../common/ipc/contract';

/** Notifications whose click may still come (Windows keeps them in the Action Center). */
const KEPT = 20;

/**
 * The reminder port of the desktop app: a native notification per notice; clicking it calls
 * `onClick` with the notice's task. False where the system shows none (the renderer then shows the
 * reminder in the window).
 */
export function createDesktopNotifier(
  onClick: (taskId: string | null) => void,
): (notice: ReminderNotice) => boolean {
  // NOTE: a Notification nobody references may be garbage-collected with its click handler.
  const kept: Notification[] = [];
  return (notice) => {
    if (!Notification.isSupported()) return false;
    const notification = new Notification({ title: notice.title, body: notice.body });
    notification.on('click', () => onClick(notice.taskId));
    kept.push(notification);
    if (kept.length > KEPT) kept.shift();
    notification.show();
    return true;
  };
}
