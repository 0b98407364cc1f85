/**
 * Table types for Kysely. Columns use types both SQLite and PostgreSQL hold the same way:
 * text ids, ISO-8601 text timestamps, integer booleans, JSON as text.
 */
import type { Generated } from 'kysely';

export interface UnitTable {
  id: string;
  name: string;
  /** Common abbreviation, e.g. "Sở TT&TT". */
  short_name: string | null;
  parent_id: string | null;
  /** province | department | district | commune | office | other */
  kind: string;
  /** When a unit is merged or renamed, its successor; tasks of the old unit are found under it. */
  successor_id: string | null;
}

export interface SiteTable {
  id: string;
  name: string;
  unit_id: string;
}

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  full_name: string;
  title: string;
  unit_id: string;
  site_id: string;
  disabled: number;
  created_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** sha256 of the opaque token: a leaked database does not leak usable tokens. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface MeetingTable {
  id: string;
  title: string;
  organizer: string;
  place: string;
  starts_at: string;
  ends_at: string;
  chair_user_id: string;
  created_at: string;
}

export interface MeetingSiteTable {
  meeting_id: string;
  site_id: string;
  is_host: number;
}

export interface MeetingParticipantTable {
  meeting_id: string;
  user_id: string;
  /** chair | secretary | delegate | guest */
  meeting_role: string;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string | null;
}

export interface DocumentTable {
  id: string;
  agenda_item_id: string;
  title: string;
  /** Name on disk under the data directory; never a client-supplied path. */
  stored_name: string;
  sha256: string;
  size_bytes: number;
  page_count: number;
  created_at: string;
}

export interface TaskTable {
  id: string;
  meeting_id: string;
  lead_unit_name: string;
  /** JSON array of agency names. */
  cooperating_json: string;
  content: string;
  due_date: string | null;
  report_to: string | null;
  recurrence: string | null;
  status: string;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  subject: string | null;
  details_json: string | null;
}

export interface Database {
  units: UnitTable;
  sites: SiteTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  meetings: MeetingTable;
  meeting_sites: MeetingSiteTable;
  meeting_participants: MeetingParticipantTable;
  agenda_items: AgendaItemTable;
  documents: DocumentTable;
  tasks: TaskTable;
  audit_log: AuditLogTable;
}
