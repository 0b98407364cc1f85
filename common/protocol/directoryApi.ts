/**
 * REST routes of the directory (issue #15 §2): units, sites and people, kept by an administrator.
 * Every route is for admins only; every write is one transaction and one audit entry. Refusals
 * carry `details.reason` (see `directoryRefusalReasonSchema`).
 */
import { z } from 'zod';
import {
  createSiteRequestSchema,
  createUnitRequestSchema,
  createUserRequestSchema,
  directoryUserSchema,
  importRequestSchema,
  importResponseSchema,
  listUsersQuerySchema,
  mergeUnitRequestSchema,
  moveUnitRequestSchema,
  setUserDisabledRequestSchema,
  siteSchema,
  unitSchema,
  updateSiteRequestSchema,
  updateUnitRequestSchema,
  updateUserRequestSchema,
} from '../domain/directory';
import { empty, idParams, route } from './route';

const admin = { auth: true, roles: ['admin'] } as const;

export const directoryRoutes = {
  /** Every unit, merged ones included, parents before children, siblings by name. */
  listUnits: route({
    method: 'GET',
    path: '/api/admin/units',
    params: empty,
    body: empty,
    response: z.object({ units: z.array(unitSchema) }),
    ...admin,
  }),
  createUnit: route({
    method: 'POST',
    path: '/api/admin/units',
    params: empty,
    body: createUnitRequestSchema,
    response: z.object({ unit: unitSchema }),
    ...admin,
  }),
  /** Name, abbreviation and kind; tasks keep the name their notice wrote. */
  updateUnit: route({
    method: 'PUT',
    path: '/api/admin/units/:id',
    params: idParams,
    body: updateUnitRequestSchema,
    response: z.object({ unit: unitSchema }),
    ...admin,
  }),
  /** Under another parent (null: the top); refused when the unit would sit under itself. */
  moveUnit: route({
    method: 'POST',
    path: '/api/admin/units/:id/move',
    params: idParams,
    body: moveUnitRequestSchema,
    response: z.object({ unit: unitSchema }),
    ...admin,
  }),
  /**
   * Merges the unit into `successorId`: the unit keeps its row, marked merged; its sub-units,
   * sites and people move to the successor; its tasks are found under the successor.
   */
  mergeUnit: route({
    method: 'POST',
    path: '/api/admin/units/:id/merge',
    params: idParams,
    body: mergeUnitRequestSchema,
    response: z.object({
      unit: unitSchema,
      moved: z.object({
        units: z.number().int(),
        sites: z.number().int(),
        users: z.number().int(),
      }),
    }),
    ...admin,
  }),
  listSites: route({
    method: 'GET',
    path: '/api/admin/sites',
    params: empty,
    body: empty,
    response: z.object({ sites: z.array(siteSchema) }),
    ...admin,
  }),
  createSite: route({
    method: 'POST',
    path: '/api/admin/sites',
    params: empty,
    body: createSiteRequestSchema,
    response: z.object({ site: siteSchema }),
    ...admin,
  }),
  /** Renames the site, moves it to another unit, or both. */
  updateSite: route({
    method: 'PUT',
    path: '/api/admin/sites/:id',
    params: idParams,
    body: updateSiteRequestSchema,
    response: z.object({ site: siteSchema }),
    ...admin,
  }),
  /** People matching the filters, by name; `total` counts all matches, `users` is one page. */
  listDirectoryUsers: route({
    method: 'GET',
    path: '/api/admin/directory/users',
    params: empty,
    body: empty,
    query: listUsersQuerySchema,
    response: z.object({ users: z.array(directoryUserSchema), total: z.number().int() }),
    ...admin,
  }),
  /** A new account; its password is the policy's (account.ts) and must be changed at first sign-in. */
  createUser: route({
    method: 'POST',
    path: '/api/admin/directory/users',
    params: empty,
    body: createUserRequestSchema,
    response: z.object({ user: directoryUserSchema }),
    ...admin,
  }),
  updateUser: route({
    method: 'PUT',
    path: '/api/admin/directory/users/:id',
    params: idParams,
    body: updateUserRequestSchema,
    response: z.object({ user: directoryUserSchema }),
    ...admin,
  }),
  /** Disabling ends the user's sessions at once; enabling lets them sign in again. */
  setUserDisabled: route({
    method: 'POST',
    path: '/api/admin/directory/users/:id/disabled',
    params: idParams,
    body: setUserDisabledRequestSchema,
    response: z.object({ user: directoryUserSchema }),
    ...admin,
  }),
  /**
   * People from a spreadsheet (rows parsed in main). Every row's result and errors are answered;
   * with `dryRun: false` everything is written in one transaction, or nothing when a row is
   * refused (`committed: false`). Imported accounts get no password: an administrator sets a
   * temporary one (`resetUserPassword`) before they can sign in.
   */
  importDirectory: route({
    method: 'POST',
    path: '/api/admin/directory/import',
    params: empty,
    body: importRequestSchema,
    response: importResponseSchema,
    ...admin,
  }),
} as const;
