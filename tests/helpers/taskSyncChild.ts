/**
 * A client process for the crash test (tests/integration/taskSync.crash.test.ts): records COUNT
 * progress reports in the local store at DATA_DIR (after a first sync that brings the tasks), says
 * so on stdout, then syncs through SERVER_URL. The test kills it with SIGKILL at the moment it chooses.
 */
import { ApiClient } from '../../common/protocol/ApiClient';
import { userSchema } from '../../common/domain/user';
import { meetingRolesOf, taskActorOf, type MeetingRoles } from '../../common/tasks/mutations';
import { openLocalStore } from '../../main/store/db';
import { TaskReplicaRepository } from '../../main/store/repos/TaskReplicaRepository';
import { SyncEngine } from '../../main/sync/SyncEngine';
import { httpSyncTransport } from '../../main/sync/SyncTransport';
import { requiredEnv as env } from './crashProxy';

const user = userSchema.parse(JSON.parse(env('USER_JSON')));
const count = Number(env('COUNT'));
const taskId = env('TASK_ID');
const scope = { serverUrl: 'http://crash.test', userId: user.id };
const replica = new TaskReplicaRepository(openLocalStore(env('DATA_DIR')));
const api = new ApiClient({ baseUrl: env('SERVER_URL'), token: env('TOKEN'), timeoutMs: 60_000 });
const engine = new SyncEngine({ replica, scope, transport: httpSyncTransport(async () => api) });
// The agency's tasks and the meeting list arrive first, as after any sign-in; then the user
// records offline work.
let meetingRoles: MeetingRoles = {};
if (count > 0) {
  await engine.syncOnce();
  meetingRoles = meetingRolesOf((await api.call('listMeetings')).meetings);
}

for (let i = 1; i <= count; i++) {
  replica.record(
    scope,
    taskActorOf(user, meetingRoles),
    {
      name: 'task.report',
      args: { taskId, reportId: `${env('REPORT_PREFIX')}-${i}`, text: `Báo cáo ${i}`, percent: i },
    },
    new Date(),
  );
}
process.stdout.write(`committed ${replica.pendingCount(scope)}\n`);

await engine.syncOnce();
process.stdout.write(`synced ${replica.pendingCount(scope)}\n`);
