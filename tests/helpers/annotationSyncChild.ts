/**
 * A client process for the annotation crash test (tests/integration/annotationSync.crash.test.ts):
 * records COUNT sticky notes on DOCUMENT_ID (version VERSION) of MEETING_ID in the local store at
 * DATA_DIR, durably, says so on stdout, then syncs through SERVER_URL. The test kills it with
 * SIGKILL at the moment it chooses; run again with COUNT=0 it only syncs what the store holds.
 */
import { ApiClient } from '../../common/protocol/ApiClient';
import { userSchema } from '../../common/domain/user';
import type { AnnotationActor } from '../../common/annotations/mutations';
import { openLocalStore } from '../../main/store/db';
import { AnnotationReplicaRepository } from '../../main/store/repos/AnnotationReplicaRepository';
import { AnnotationSyncEngine } from '../../main/sync/AnnotationSyncEngine';
import { httpAnnotationSyncTransport } from '../../main/sync/SyncTransport';
import { crashNote } from './annotationFixture';
import { requiredEnv as env } from './crashProxy';

const user = userSchema.parse(JSON.parse(env('USER_JSON')));
const count = Number(env('COUNT'));
const scope = { serverUrl: 'http://crash.test', userId: user.id };
const actor: AnnotationActor = { id: user.id, name: user.fullName, meetingRole: 'delegate' };
const replica = new AnnotationReplicaRepository(openLocalStore(env('DATA_DIR')));
const api = new ApiClient({ baseUrl: env('SERVER_URL'), token: env('TOKEN'), timeoutMs: 60_000 });
const engine = new AnnotationSyncEngine({
  replica,
  scope,
  transport: httpAnnotationSyncTransport(async () => api),
});

for (let i = 1; i <= count; i++) {
  const annotation = crashNote(env('ID_PREFIX'), i, {
    meetingId: env('MEETING_ID'),
    documentId: env('DOCUMENT_ID'),
    version: Number(env('VERSION')),
  });
  replica.record(scope, actor, { name: 'annotation.create', args: { annotation } }, new Date());
}
process.stdout.write(`committed ${replica.pendingCount(scope)}\n`);

await engine.syncOnce();
process.stdout.write(`synced ${replica.pendingCount(scope)}\n`);
