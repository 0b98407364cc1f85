/**
 * Changes of a meeting's agenda that the people in its room should see at once: the item under
 * discussion was set, or a document or a version was uploaded. The document routes emit them;
 * `connectAgenda` relays them to the room as `agendaChanged`.
 */
import { EventEmitter } from 'node:events';
import type { AgendaChanged } from '../../../common/protocol/agendaChannel';

export class AgendaEvents extends EventEmitter<{ changed: [change: AgendaChanged] }> {}
