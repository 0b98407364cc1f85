/**
 * The actor the local task replica keeps with each pending change, to re-check it when a pull
 * rebases the view (main/store/repos/TaskReplicaRepository.ts): the role in the task's own
 * meeting decides, as on the server, and changes recorded before meeting roles existed are read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../common/protocol/sync';
import type { TaskActor } from '../../../common/tasks/mutations';
import { openLocalStore, type LocalDatabase } from '../../../main/store/db';
import { scopeKey, TaskReplicaRepository } from '../../../main/store/repos/TaskReplicaRepository';
import { makeTask } from '../../helpers/taskFixture';

const A = 'hd-bcd-cds-2022-09-27';
const scope = { serverUrl: 'http://replica.test', userId: 'thukyb' };
const task = makeTask('task-a-1'); // meeting A, led by Sở TT&TT

let dir: string;
let db: LocalDatabase;
let replica: TaskReplicaRepository;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-replica-actor-'));
  db = openLocalStore(dir);
  replica = new TaskReplicaRepository(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pulled = (tasks = [task]): PullResponse => ({
  clock: 10,
  lastMutationId: 0,
  reset: false,
  tasks,
  removedTaskIds: [],
  rejections: [],
});

const storedActors = () =>
  (
    db
      .prepare('SELECT actor_json FROM task_outbox WHERE scope = ? ORDER BY mutation_id')
      .all(scopeKey(scope)) as { actor_json: string }[]
  ).map((r) => JSON.parse(r.actor_json) as TaskActor);

describe('TaskReplicaRepository actors', () => {
  it('record() keeps with a change the role in its task’s meeting only, and the rebase still shows it', () => {
    replica.applyPull(scope, pulled(), new Date());
    const secretaryOfA: TaskActor = {
      id: 'thukyb',
      name: 'Phạm Thị Minh Thư',
      unitId: 'hd-vp-ubnd',
      roles: [],
      meetingRoles: { [A]: 'secretary', 'meeting-b': 'chair', 'meeting-c': 'delegate' },
    };
    replica.record(
      scope,
      secretaryOfA,
      { name: 'task.update', args: { taskId: task.id, fields: { content: 'Nội dung mới' } } },
      new Date(),
    );
    expect(storedActors().map((a) => a.meetingRoles)).toEqual([{ [A]: 'secretary' }]);
    // A pull rebuilds the view from the server's copy and re-applies the pending change.
    replica.applyPull(scope, pulled([{ ...task, clock: 11 }]), new Date());
    expect(replica.getTask(scope, task.id)?.content).toBe('Nội dung mới');
  });

  it('a pending change recorded before meeting roles existed is rebased by the same rule: a lead agency’s report stays, a global secretary’s edit is not shown as made', () => {
    replica.applyPull(scope, pulled(), new Date());
    const lead: TaskActor = {
      id: 'baocao',
      name: 'Ngô Thị Phương Thảo',
      unitId: 'hd-so-tttt',
      roles: ['reporter'],
      meetingRoles: {},
    };
    replica.record(
      scope,
      lead,
      {
        name: 'task.report',
        args: { taskId: task.id, reportId: 'report-old-1', text: 'Đã làm', percent: 30 },
      },
      new Date(),
    );
    // The same outbox as an older app wrote it: no meeting roles, a global role instead.
    const insertOld = db.prepare(
      `INSERT INTO task_outbox (scope, mutation_id, task_id, json, actor_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insertOld.run(
      scopeKey(scope),
      2,
      task.id,
      JSON.stringify({ name: 'task.update', args: { taskId: task.id, fields: { content: 'Cũ' } } }),
      JSON.stringify({ id: 'thuky', name: 'Thư ký', unitId: 'hd-vp-ubnd', roles: ['secretary'] }),
      new Date().toISOString(),
    );
    db.prepare('UPDATE task_outbox SET actor_json = ? WHERE scope = ? AND mutation_id = 1').run(
      JSON.stringify({
        id: 'baocao',
        name: 'Ngô Thị Phương Thảo',
        unitId: 'hd-so-tttt',
        roles: [],
      }),
      scopeKey(scope),
    );

    replica.applyPull(scope, pulled([{ ...task, clock: 11 }]), new Date());
    const view = replica.getTask(scope, task.id)!;
    expect(view.reports.map((r) => r.id)).toEqual(['report-old-1']);
    expect(view.content).toBe(task.content);
  });
});
