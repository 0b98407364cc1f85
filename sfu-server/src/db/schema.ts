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
  /** 1 after an administrator set the password: the next sign-in must change it (0009). */
  must_change_password: Generated<number>;
  /** Imported from the offices' spreadsheets or typed by an administrator (0010); null: none. */
  email: string | null;
}

/** Failed sign-ins per normalised username (0009): 5 lock the account for 15 minutes. */
export interface LoginFailureTable {
  username_key: string;
  failures: number;
  last_failure_at: string;
  /** Until when sign-in is refused without checking the password; null: not locked. */
  locked_until: string | null;
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
  /** MEETING_KINDS (0011). */
  kind: Generated<string>;
  /** draft | published | postponed | cancelled (0011). */
  status: Generated<string>;
  online: Generated<number>;
  preparing_unit_id: string | null;
  hall_site_id: string | null;
  /** {authority, title, name} of who signs the invitation; null: the chair. */
  signer_json: string | null;
  status_reason: string | null;
  published_at: string | null;
  updated_at: string | null;
  created_by: string | null;
}

export interface MeetingUnitTable {
  meeting_id: string;
  unit_id: string;
}

export interface InvitationTable {
  id: string;
  meeting_id: string;
  unit_id: string;
  user_id: string | null;
  site_id: string | null;
  response: Generated<string>;
  attendee_user_id: string | null;
  reason: string | null;
  responded_by: string | null;
  responded_at: string | null;
  created_at: string;
}

export interface InvitationViewTable {
  invitation_id: string;
  user_id: string;
  seen_at: string;
}

export interface MeetingAnnouncementTable {
  id: string;
  meeting_id: string;
  kind: string;
  text: string;
  at: string;
}

export interface MeetingSiteTable {
  meeting_id: string;
  site_id: string;
  is_host: number;
}

export interface MeetingParticipantTable {
  meeting_id: string;
  user_id: string;
  /** MEETING_ROLES (common/domain/policy.ts) */
  meeting_role: string;
  /** The invitation through whose answer this person takes part (0011); null: invited by name. */
  invitation_id: Generated<string | null>;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string | null;
  presenting_unit_id: Generated<string | null>;
  planned_start_minutes: Generated<number | null>;
  planned_minutes: Generated<number | null>;
}

/** The logical document on an agenda item; its files are `document_versions` (migration 0002). */
export interface DocumentTable {
  id: string;
  agenda_item_id: string;
  title: string;
  /** 1 when only invited participants may read it (not even an admin). */
  confidential: Generated<number>;
  /** The `document_versions.version` the agenda shows. */
  current_version: Generated<number>;
  created_at: string;
}

/** One immutable uploaded file of a document. */
export interface DocumentVersionTable {
  document_id: string;
  /** 1, 2, … per document. */
  version: number;
  /** Name under `<dataDir>/documents/`: a random id or the content hash, never a client's name. */
  stored_name: string;
  sha256: string;
  size_bytes: number;
  page_count: number;
  /** Text extracted with pdf.js, for search; null where not extracted (migrated rows). */
  search_text: string | null;
  /** null for seeded and migrated rows. */
  uploaded_by: string | null;
  created_at: string;
}

/** One page's text of a document version, for search (migration 0008). */
export interface DocumentPageTable {
  document_id: string;
  version: number;
  /** 1-based. */
  page: number;
  /** NFC, whitespace runs as one space (`searchablePageText`). */
  text: string;
  /** `text` folded: lower case, no diacritics, the same length (`foldSearchable`). */
  folded_text: string;
}

/** The agenda item being discussed now; no row: none. */
export interface AgendaCurrentTable {
  meeting_id: string;
  agenda_item_id: string;
  set_by: string | null;
  set_at: string;
}

export interface TaskTable {
  id: string;
  meeting_id: string;
  conclusion_ref: string | null;
  lead_unit_name: string;
  /** Null when the lead is not one unit ("các sở, ngành"): only staff act on such a task. */
  lead_unit_id: string | null;
  /** JSON array of {id, name} agency references. */
  cooperating_json: string;
  content: string;
  due_date: string | null;
  due_event: string | null;
  report_to: string | null;
  recurrence: string | null;
  /** not_started | in_progress | done; "overdue" is derived. */
  status: string;
  /** lead | staff | null */
  status_set_by: string | null;
  status_clock: number;
  completed_at: string | null;
  difficulties: string | null;
  proposals: string | null;
  created_at: string;
  /** Server clock of the last change: pull returns tasks with a clock above the client's. */
  clock: number;
}

export interface TaskReportTable {
  id: string;
  task_id: string;
  text: string;
  percent: number;
  reported_at: string;
  reported_by_id: string;
  reported_by_name: string;
}

export interface TaskExtensionTable {
  id: string;
  task_id: string;
  previous_due: string | null;
  new_due: string;
  reason: string;
  granted_at: string;
  granted_by_id: string;
  granted_by_name: string;
}

export interface SyncClockTable {
  id: number;
  value: number;
}

export interface SyncClientTable {
  client_id: string;
  user_id: string;
  last_mutation_id: number;
  updated_at: string;
}

/** The tasks a sync client holds: only these may it be told to remove. */
export interface SyncDeliveredTaskTable {
  client_id: string;
  user_id: string;
  task_id: string;
}

/** Rejected mutations, kept so a duplicate push gets the same answer and pull can report them. */
export interface SyncRejectionTable {
  client_id: string;
  mutation_id: number;
  name: string;
  task_id: string;
  code: string;
  message: string;
  clock: number;
}

/** A report's attachment file, stored once under its SHA-256 (`<dataDir>/task-attachments/`). */
export interface TaskAttachmentBlobTable {
  sha256: string;
  size_bytes: number;
  /** pdf | zip | png | jpeg: what the file's first bytes say. */
  kind: string;
  stored_at: string;
}

/** Which task a file was uploaded for: a report may name only files sent for its own task. */
export interface TaskAttachmentUploadTable {
  task_id: string;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** One upload sent with an `Idempotency-Key` and its first answer (0016, issue #16). */
export interface UploadRequestTable {
  user_id: string;
  request_key: string;
  /** `document:<meeting>/<item>`, `version:<meeting>/<document>` or `attachment:<task>`. */
  target: string;
  sha256: string;
  status: number;
  response_json: string;
  created_at: string;
}

/** The files a progress report lists, in order, under their own names. */
export interface TaskReportAttachmentTable {
  task_id: string;
  report_id: string;
  id: string;
  position: number;
  name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
}

export interface AttendanceTable {
  meeting_id: string;
  user_id: string;
  status: string;
  checked_in_at: string | null;
  checked_in_by: string | null;
  absence_reason: string | null;
  proxy_user_id: string | null;
  updated_at: string;
}

export interface FloorRequestTable {
  id: string;
  meeting_id: string;
  user_id: string;
  topic: string | null;
  status: string;
  requested_at: string;
  granted_at: string | null;
  ended_at: string | null;
  decided_by: string | null;
}

export interface VoteTable {
  id: string;
  meeting_id: string;
  question: string;
  options_json: string;
  secret: number;
  status: string;
  opened_by: string;
  opened_at: string;
  closed_at: string | null;
}

export interface VoteBallotTable {
  vote_id: string;
  voter_id: string;
  choice: number | null;
  cast_at: string | null;
}

export interface VoteTallyTable {
  vote_id: string;
  option_index: number;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  subject: string | null;
  details_json: string | null;
  /** The previous row's `hash` (0012); the first row's is 64 zeros. */
  prev_hash: string | null;
  /** SHA-256 of `prev_hash` and this row's content (`auditChain.ts`). */
  hash: string | null;
}

export interface ConclusionsTable {
  meeting_id: string;
  version: number;
  state: string;
  issued_at: string | null;
  issued_by: string | null;
  notice_document_id: string | null;
  updated_at: string;
}

export interface ConclusionUpdateTable {
  id: Generated<number>;
  meeting_id: string;
  version: number;
  update_b64: string;
  user_id: string | null;
  created_at: string;
}

/** An annotation on a document version (migration 0007); shape and anchor as JSON text. */
export interface AnnotationTable {
  id: string;
  meeting_id: string;
  document_id: string;
  version: number;
  page: number;
  /** ink | highlight | note */
  kind: string;
  color: string;
  shared: number;
  /** 1 once it has been shared: making it private again removes it from others' replicas. */
  was_shared: number;
  author_id: string;
  author_name: string;
  shape_json: string;
  anchor_json: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
  /** Server clock of the last change. */
  clock: number;
}

/** Refused annotation mutations, as `sync_rejections` for tasks. */
export interface AnnotationRejectionTable {
  client_id: string;
  mutation_id: number;
  name: string;
  annotation_id: string;
  code: string;
  message: string;
  clock: number;
}

export interface Database {
  units: UnitTable;
  sites: SiteTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  meetings: MeetingTable;
  meeting_sites: MeetingSiteTable;
  meeting_participants: MeetingParticipantTable;
  meeting_units: MeetingUnitTable;
  invitations: InvitationTable;
  invitation_views: InvitationViewTable;
  meeting_announcements: MeetingAnnouncementTable;
  agenda_items: AgendaItemTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  document_pages: DocumentPageTable;
  agenda_current: AgendaCurrentTable;
  tasks: TaskTable;
  task_reports: TaskReportTable;
  task_extensions: TaskExtensionTable;
  sync_clock: SyncClockTable;
  sync_clients: SyncClientTable;
  sync_delivered_tasks: SyncDeliveredTaskTable;
  sync_rejections: SyncRejectionTable;
  task_attachment_blobs: TaskAttachmentBlobTable;
  task_attachment_uploads: TaskAttachmentUploadTable;
  task_report_attachments: TaskReportAttachmentTable;
  upload_requests: UploadRequestTable;
  audit_log: AuditLogTable;
  attendance: AttendanceTable;
  floor_requests: FloorRequestTable;
  votes: VoteTable;
  vote_ballots: VoteBallotTable;
  vote_tallies: VoteTallyTable;
  conclusions: ConclusionsTable;
  conclusion_updates: ConclusionUpdateTable;
  annotations: AnnotationTable;
  annotation_rejections: AnnotationRejectionTable;
}
