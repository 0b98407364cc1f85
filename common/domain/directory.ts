/**
 * The organisation an administrator keeps (issue #15 §2): units as a tree of any depth, the
 * sites (meeting rooms) that belong to units, and the people with their usual unit and site.
 *
 * Units are never deleted: a merged unit keeps its row and points to its successor
 * (`successorId`), so a task assigned to Sở Kế hoạch và Đầu tư in 2022 is found under Sở Tài
 * chính after the 2025 merger (DOMAIN.md, "The structure changes").
 */
import { z } from 'zod';
import { newPasswordSchema, newUsernameSchema } from './account';
import { roleSchema, type Role } from './user';
import { foldVietnamese } from '../tasks/tracking';

export const UNIT_KINDS = [
  'province',
  'office',
  'department',
  'district',
  'commune',
  'ward',
  'other',
] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

/** The system roles an administrator gives in the directory; others (chair, …) are kept as they are. */
export const ASSIGNABLE_ROLES = ['admin', 'office', 'reporter'] as const satisfies readonly Role[];
export const assignableRoleSchema = z.enum(ASSIGNABLE_ROLES);
export type AssignableRole = z.infer<typeof assignableRoleSchema>;

const idSchema = z.string().min(1).max(64);
const refSchema = z.object({ id: z.string(), name: z.string() });

export const UNIT_NAME_MAX = 300;
export const SITE_NAME_MAX = 300;
export const PERSON_NAME_MAX = 200;
export const TITLE_MAX = 200;
export const EMAIL_MAX = 254;

const unitNameSchema = z.string().trim().min(1).max(UNIT_NAME_MAX);
const shortNameSchema = z.string().trim().max(100).nullable();

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Common abbreviation ("Sở TT&TT"), or null. */
  shortName: z.string().nullable(),
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  /** Direct children, by name. */
  childIds: z.array(z.string()),
  /** The unit that took this one over; null while it is current. */
  successor: refSchema.nullable(),
  /** `successor !== null`: kept for history, found under its successor. */
  merged: z.boolean(),
  siteCount: z.number().int().nonnegative(),
  /** Accounts whose unit this is (disabled ones included). */
  userCount: z.number().int().nonnegative(),
});
export type DirectoryUnit = z.infer<typeof unitSchema>;

export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: refSchema,
  userCount: z.number().int().nonnegative(),
});
export type DirectorySite = z.infer<typeof siteSchema>;

export const directoryUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  /** Chức vụ. */
  title: z.string(),
  email: z.string().nullable(),
  unit: refSchema,
  site: refSchema,
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  /** false for an imported account no password was set for yet (it cannot sign in). */
  hasPassword: z.boolean(),
  /** The user must change the password an administrator set before anything else. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const createUnitRequestSchema = z.strictObject({
  name: unitNameSchema,
  shortName: shortNameSchema.default(null),
  kind: unitKindSchema,
  /** null: a top-level unit (a province). */
  parentId: idSchema.nullable(),
});

export const updateUnitRequestSchema = z.strictObject({
  name: unitNameSchema,
  shortName: shortNameSchema,
  kind: unitKindSchema,
});

export const moveUnitRequestSchema = z.strictObject({ parentId: idSchema.nullable() });
export const mergeUnitRequestSchema = z.strictObject({ successorId: idSchema });

export const createSiteRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(SITE_NAME_MAX),
  unitId: idSchema,
});
/** Rename, move to another unit, or both. */
export const updateSiteRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(SITE_NAME_MAX).optional(),
    unitId: idSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.unitId !== undefined, 'Nothing to change');

/** '' for none. No transform beyond trimming: a parsed body parses again to itself. */
const emailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX)
  .refine((s) => s === '' || z.email().safeParse(s).success, 'Not an email address');

const userFieldsSchema = {
  fullName: z.string().trim().min(1).max(PERSON_NAME_MAX),
  title: z.string().trim().max(TITLE_MAX),
  unitId: idSchema,
  siteId: idSchema,
  roles: z.array(assignableRoleSchema).max(ASSIGNABLE_ROLES.length),
  /** '' or absent: none. */
  email: emailSchema.optional(),
};

export const createUserRequestSchema = z.strictObject({
  ...userFieldsSchema,
  username: newUsernameSchema,
  /** Checked against the password policy by the server; the user changes it at first sign-in. */
  password: newPasswordSchema,
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

/** The assignable roles given replace the user's; other roles (chair, secretary, …) stay. */
export const updateUserRequestSchema = z.strictObject(userFieldsSchema);
export type UpdateUserRequest = z.input<typeof updateUserRequestSchema>;

export const setUserDisabledRequestSchema = z.strictObject({ disabled: z.boolean() });

export const USER_LIST_MAX = 500;

export const userStatusFilterSchema = z.enum(['all', 'active', 'disabled', 'no_password']);
export const listUsersQuerySchema = z.strictObject({
  /** Words of the name, username, position or email, without case or diacritics. */
  q: z.string().trim().max(100).optional(),
  unitId: idSchema.optional(),
  siteId: idSchema.optional(),
  role: roleSchema.optional(),
  status: userStatusFilterSchema.optional(),
  limit: z.coerce.number().int().min(1).max(USER_LIST_MAX).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/**
 * Why the server refused a directory change, in the error's `details.reason`, so the screen can
 * word it: `name_taken` (a sibling unit, or a site of the unit, has that name), `unit_merged`
 * (a merged unit takes no new children, sites or people), `cycle` (a unit would sit under itself),
 * `merge_into_self`, `merge_into_descendant`, `already_merged`, `username_taken`, `unit_not_found`,
 * `site_not_found`, `own_account` (an administrator cannot disable or demote themselves),
 * `weak_password` (with `details.problems`, see account.ts).
 */
export const directoryRefusalReasonSchema = z.enum([
  'name_taken',
  'unit_merged',
  'cycle',
  'merge_into_self',
  'merge_into_descendant',
  'already_merged',
  'username_taken',
  'unit_not_found',
  'site_not_found',
  'own_account',
  'weak_password',
]);
export type DirectoryRefusalReason = z.infer<typeof directoryRefusalReasonSchema>;

// ---------------------------------------------------------------------------------------------
// Import from a spreadsheet in the layout offices keep: one row a person.

/** At most this many rows in one import (checked in main and on the server). */
export const MAX_IMPORT_ROWS = 2000;
const IMPORT_CELL_MAX = 500;

/** The columns of an import, and the header texts that name each (matched folded). */
export const IMPORT_COLUMNS = {
  fullName: ['họ tên', 'họ và tên', 'họ, tên'],
  title: ['chức vụ', 'chức danh'],
  unit: ['đơn vị', 'cơ quan, đơn vị', 'cơ quan đơn vị', 'cơ quan'],
  site: ['điểm cầu'],
  username: ['tên đăng nhập', 'tài khoản'],
  email: ['email', 'e-mail', 'thư điện tử'],
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
/** Columns a sheet must have; email may be missing. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = [
  'fullName',
  'title',
  'unit',
  'site',
  'username',
];

const foldHeader = (text: string) =>
  foldVietnamese(text)
    .replace(/[.:*()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Which cell of a header row holds which column (0-based), or null when a required column is
 * missing. Headers are matched without case, diacritics or trailing marks ("Họ và tên:", "HO TEN").
 */
export function matchImportHeader(cells: readonly string[]): {
  columns: Partial<Record<ImportColumn, number>>;
  missing: ImportColumn[];
} {
  const columns: Partial<Record<ImportColumn, number>> = {};
  cells.forEach((cell, index) => {
    const folded = foldHeader(cell);
    if (!folded) return;
    for (const [column, names] of Object.entries(IMPORT_COLUMNS) as [
      ImportColumn,
      readonly string[],
    ][]) {
      if (columns[column] === undefined && names.some((n) => foldHeader(n) === folded)) {
        columns[column] = index;
        return;
      }
    }
  });
  return { columns, missing: REQUIRED_IMPORT_COLUMNS.filter((c) => columns[c] === undefined) };
}

export const importRowSchema = z.strictObject({
  /** The sheet's row number, as the office sees it in Excel ("Dòng 5"). */
  line: z.number().int().min(1).max(1_048_576),
  fullName: z.string().max(IMPORT_CELL_MAX),
  title: z.string().max(IMPORT_CELL_MAX),
  unit: z.string().max(IMPORT_CELL_MAX),
  site: z.string().max(IMPORT_CELL_MAX),
  username: z.string().max(IMPORT_CELL_MAX),
  email: z.string().max(IMPORT_CELL_MAX),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importRequestSchema = z.strictObject({
  /** Units named in rows that do not exist are created under this one (null: at the top). */
  parentUnitId: idSchema.nullable(),
  /** true: check every row and say what would happen, writing nothing. */
  dryRun: z.boolean(),
  rows: z.array(importRowSchema).min(1).max(MAX_IMPORT_ROWS),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

/**
 * What a row does to a unit or site: `create` it, use one that `exists` (matched by name), use one
 * an `earlier` row of the file creates, or `none` (the row is refused before it got that far).
 */
export const importActionSchema = z.enum(['create', 'exists', 'earlier', 'none']);
export const importRowResultSchema = z.object({
  line: z.number().int(),
  fullName: z.string(),
  username: z.string(),
  unit: z.object({ action: importActionSchema, id: z.string().nullable(), name: z.string() }),
  site: z.object({ action: importActionSchema, id: z.string().nullable(), name: z.string() }),
  /** The account this row creates (its id once written). */
  user: z.object({ action: z.enum(['create', 'none']), id: z.string().nullable() }),
  /** Notes that do not refuse the row, in Vietnamese ("đơn vị đã sáp nhập vào Sở Tài chính"). */
  notes: z.array(z.string()),
  /** Why the row is refused, in Vietnamese, each starting "Dòng N:"; empty: accepted. */
  errors: z.array(z.string()),
});
export type ImportRowResult = z.infer<typeof importRowResultSchema>;

export const importResponseSchema = z.object({
  dryRun: z.boolean(),
  /** true only when everything was written (dryRun false and no row refused). */
  committed: z.boolean(),
  rows: z.array(importRowResultSchema),
  summary: z.object({
    rows: z.number().int(),
    refused: z.number().int(),
    unitsCreated: z.number().int(),
    sitesCreated: z.number().int(),
    usersCreated: z.number().int(),
  }),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

/**
 * A kind for a unit an import creates, from how Vietnamese names begin: "Sở …" is a department,
 * "UBND huyện …" a district, "UBND xã …" a commune; an administrator corrects it afterwards.
 */
export function guessUnitKind(name: string): UnitKind {
  const n = foldVietnamese(name)
    .replace(/uy ban nhan dan/g, 'ubnd')
    .replace(/\bvp\b/g, 'van phong');
  if (/^van phong\b/.test(n)) return 'office';
  if (/^ubnd (tinh|thanh pho truc thuoc|tp truc thuoc)\b/.test(n)) return 'province';
  if (/^ubnd (huyen|thi xa|quan)\b/.test(n)) return 'district';
  if (/^ubnd phuong\b/.test(n)) return 'ward';
  if (/^ubnd (xa|thi tran|dac khu)\b/.test(n)) return 'commune';
  if (/^ubnd thanh pho\b/.test(n)) return 'district';
  if (/^(so|ban|thanh tra)\b/.test(n)) return 'department';
  return 'other';
}

/** Unit and site names compared as people write them: no case, no diacritics, one space. */
export const directoryNameKey = (name: string) => foldVietnamese(name);
