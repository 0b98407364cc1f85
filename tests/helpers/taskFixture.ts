import type { Task } from '../../common/domain/task';

/**
 * A task of the 27/9/2022 meeting led by Sở TT&TT, not started, assigned at 09:00 on 03/10/2022
 * (Vietnam time). Tests override what they are about.
 */
export function makeTask(id: string, fields: Partial<Task> = {}): Task {
  return {
    id,
    meetingId: 'hd-bcd-cds-2022-09-27',
    conclusionRef: null,
    lead: { id: 'hd-so-tttt', name: 'Sở Thông tin và Truyền thông' },
    cooperating: [],
    content: `Nhiệm vụ ${id}`,
    dueDate: null,
    dueEvent: null,
    reportTo: 'UBND tỉnh',
    recurrence: null,
    status: 'not_started',
    statusSetBy: null,
    statusClock: 0,
    completedAt: null,
    difficulties: null,
    proposals: null,
    reports: [],
    extensions: [],
    createdAt: '2022-10-03T02:00:00.000Z',
    clock: 1,
    ...fields,
  };
}
