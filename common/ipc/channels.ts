/**
 * The names of the IPC contract's calls and events, without their schemas, so the sandboxed
 * preload can check channels without bundling zod. contract.ts is checked against these lists.
 */
export const IPC_CHANNEL_PREFIX = 'phonghop:';

export const ipcChannelNames = [
  'app.info',
  'app.pendingDeepLink',
  'session.get',
  'session.login',
  'session.logout',
  'session.changePassword',
  'meetings.list',
  'meetings.get',
  'room.joinTicket',
  'documents.agenda',
  'documents.read',
  'documents.prefetch',
  'documents.search',
  'documents.upload',
  'documents.setCurrentItem',
  'tasks.list',
  'tasks.mutate',
  'tasks.syncNow',
  'tasks.rejections',
  'tasks.export',
  'tasks.stageAttachment',
  'tasks.readAttachment',
  'tasks.checkReminders',
  'annotations.list',
  'annotations.mutate',
  'annotations.syncNow',
  'annotations.dismissRejections',
  'annotations.export',
  'screenShare.select',
  'server.call',
  'directory.readSpreadsheet',
  'planning.pdf',
  'audit.export',
  'usage.export',
] as const;
export type IpcChannel = (typeof ipcChannelNames)[number];

export const ipcEventNames = [
  'session.changed',
  'documents.progress',
  'documents.uploadProgress',
  'tasks.changed',
  'sync.changed',
  'tasks.reminder',
  'tasks.open',
  'app.deepLink',
  'annotations.changed',
  'annotations.sync',
  'screenShare.pick',
  'screenShare.pickEnded',
] as const;
export type IpcEventName = (typeof ipcEventNames)[number];

const channels = new Set<string>(ipcChannelNames);
const events = new Set<string>(ipcEventNames);

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && channels.has(value);
}
export function isIpcEventName(value: unknown): value is IpcEventName {
  return typeof value === 'string' && events.has(value);
}
