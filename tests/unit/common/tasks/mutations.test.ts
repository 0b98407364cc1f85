/**
 * Who may change a task (common/tasks/mutations.ts): decided from the role in the task's own
 * meeting through the one policy (policy.ts `tasks.manage`), never from a global role. The same
 * functions run in the app (what is offered, what main records) and on the server.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/domain/user';
import {
  actorInMeeting,
  checkTaskMutation,
  isTaskStaff,
  managesSomeTasks,
  mayReport,
  meetingRolesOf,
  type MeetingRoles,
  type NewTask,
  type TaskActor,
  type TaskMutation,
} from '../../../../common/tasks/mutations';
import { makeTask } from '../../../helpers/taskFixture';

const A = 'hd-bcd-cds-2022-09-27';
const B = 'meeting-b';

function actor(roles: readonly Role[], meetingRoles: MeetingRoles, unitId = 'hd-vp-ubnd') {
  return { id: 'u', name: 'Người dùng', unitId, roles, meetingRoles } satisfies TaskActor;
}

const taskOfA = makeTask('task-a'); // led by Sở TT&TT
const newTask = (meetingId: string): NewTask => ({
  id: 'task-new-0001',
  meetingId,
  conclusionRef: null,
  lead: { id: 'hd-so-tc', name: 'Sở Tài chính' },
  cooperating: [],
  content: 'Rà soát',
  dueDate: null,
  dueEvent: null,
  reportTo: null,
  recurrence: null,
});
const create = (meetingId: string): TaskMutation => ({
  name: 'task.create',
  args: { task: newTask(meetingId) },
});
const edit: TaskMutation = {
  name: 'task.update',
  args: { taskId: taskOfA.id, fields: { content: 'Sửa' } },
};
const extend: TaskMutation = {
  name: 'task.extend',
  args: { taskId: taskOfA.id, extensionId: 'ext-00000001', newDue: '2023-01-31', reason: 'Lùi' },
};
const report: TaskMutation = {
  name: 'task.report',
  args: { taskId: taskOfA.id, reportId: 'report-00001', text: 'Đã làm', percent: 10 },
};
const code = (who: TaskActor, mutation: TaskMutation, task = taskOfA) =>
  checkTaskMutation(who, mutation.name === 'task.create' ? undefined : task, mutation)?.code ??
  null;

describe('isTaskStaff()', () => {
  it('the chair and the secretary of a meeting are its staff, other roles and other meetings not', () => {
    const secretaryOfB = actor([], { [B]: 'secretary', [A]: 'delegate' });
    expect(isTaskStaff(secretaryOfB, B)).toBe(true);
    expect(isTaskStaff(secretaryOfB, A)).toBe(false);
    expect(isTaskStaff(actor([], { [A]: 'chair' }), A)).toBe(true);
    for (const role of ['presenter', 'delegate', 'site_operator', 'guest'] as const)
      expect(isTaskStaff(actor([], { [A]: role }), A)).toBe(false);
  });

  it('the Office’s staff manage every meeting’s tasks; an administrator or a global chair or secretary without a role in the meeting does not', () => {
    expect(isTaskStaff(actor(['office'], {}), A)).toBe(true);
    expect(isTaskStaff(actor(['admin'], {}), A)).toBe(false);
    expect(isTaskStaff(actor(['chair', 'secretary'], { [B]: 'secretary' }), A)).toBe(false);
  });

  it('a meeting id naming an inherited property ("constructor", "__proto__") is no role', () => {
    const someone = actor([], { [B]: 'secretary' });
    expect(isTaskStaff(someone, 'constructor')).toBe(false);
    expect(isTaskStaff(someone, '__proto__')).toBe(false);
    expect(isTaskStaff(someone, 'toString')).toBe(false);
  });
});

describe('checkTaskMutation()', () => {
  it('task.create is decided by the new task’s meeting: the secretary of B creates B’s tasks, not A’s', () => {
    const secretaryOfB = actor([], { [B]: 'secretary', [A]: 'delegate' });
    expect(code(secretaryOfB, create(B))).toBeNull();
    expect(code(secretaryOfB, create(A))).toBe('not_staff');
  });

  it('task.update and task.extend are decided by the task’s meeting', () => {
    const secretaryOfB = actor([], { [B]: 'secretary' });
    expect(code(secretaryOfB, edit)).toBe('not_staff');
    expect(code(secretaryOfB, extend)).toBe('not_staff');
    const secretaryOfA = actor([], { [A]: 'secretary' });
    expect(code(secretaryOfA, edit)).toBeNull();
    expect(code(secretaryOfA, extend)).toBeNull();
    expect(code(actor(['admin'], {}), edit)).toBe('not_staff');
    expect(code(actor(['office'], {}), extend)).toBeNull();
  });

  it('the lead agency reports on its own task whatever its role in the meeting; the staff of another meeting do not', () => {
    const lead = actor(['reporter'], {}, 'hd-so-tttt');
    expect(code(lead, report)).toBeNull();
    expect(mayReport(lead, taskOfA)).toBe(true);
    const secretaryOfB = actor([], { [B]: 'secretary' });
    expect(code(secretaryOfB, report)).toBe('not_lead_agency');
    expect(mayReport(secretaryOfB, taskOfA)).toBe(false);
    expect(mayReport(actor([], { [A]: 'secretary' }), taskOfA)).toBe(true);
  });
});

describe('meeting roles as the app knows them', () => {
  it('meetingRolesOf() keeps the meetings the user has a role in, from lists with or without myRole', () => {
    expect(
      meetingRolesOf([{ id: A, myRole: 'chair' }, { id: B, myRole: null }, { id: 'old-cache' }]),
    ).toEqual({ [A]: 'chair' });
  });

  it('managesSomeTasks() is true for the Office and the chair or secretary of any meeting', () => {
    expect(managesSomeTasks(actor(['office'], {}))).toBe(true);
    expect(managesSomeTasks(actor([], { [B]: 'secretary' }))).toBe(true);
    expect(managesSomeTasks(actor(['admin'], { [A]: 'delegate' }))).toBe(false);
  });

  it('actorInMeeting() keeps the role in that meeting only, and decides that meeting the same', () => {
    const full = actor([], { [A]: 'delegate', [B]: 'secretary', 'meeting-c': 'chair' });
    expect(actorInMeeting(full, B).meetingRoles).toEqual({ [B]: 'secretary' });
    expect(actorInMeeting(full, 'meeting-d').meetingRoles).toEqual({});
    expect(isTaskStaff(actorInMeeting(full, B), B)).toBe(true);
    expect(isTaskStaff(actorInMeeting(full, A), A)).toBe(false);
  });
});
