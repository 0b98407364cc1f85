/**
 * Main's `audit.export` against a real server (demo seed): the matching rows as a spreadsheet,
 * newest first, with Vietnamese column titles and action names; the export is recorded on the
 * server as `audit.exported` with its filters; at most 10,000 rows; a delegate is refused and
 * nothing is recorded.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import { AuditLog } from '../../../sfu-server/src/db/repos/AuditLog';
import type { Server } from '../../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../../helpers/testServer';

let server: Server;
let url: string;
const opened: MainServices[] = [];

beforeAll(async () => {
  ({ server, url } = await startTestServer({ seedDemo: true, workers: 1 }));
}, 60_000);
afterAll(async () => {
  for (const services of opened) services.close();
  await server.close();
});

async function signedIn(username: string): Promise<MainServices> {
  const dir = tempDir('client');
  const services = createMainServices({
    dataDir: dir,
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    defaultServerUrl: url,
    shell: 'browser',
    version: 'test',
  });
  opened.push(services);
  const result = await services.router.handle('session.login', {
    serverUrl: url,
    username,
    password: DEMO_PASSWORD,
  });
  expect(result.ok).toBe(true);
  return services;
}

const exportedCount = async () =>
  (
    await server.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'audit.exported')
      .execute()
  ).length;

async function sheetRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
  );
  return rows;
}

describe('audit.export', () => {
  it('writes the matching rows newest first and records the export with its filters', async () => {
    const admin = await signedIn('admin');
    await signedIn('sotc');
    const result = await admin.router.handle('audit.export', { action: 'auth.' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const file = result.value as {
      fileName: string;
      bytes: Uint8Array;
      rows: number;
      truncated: boolean;
    };
    expect(file.fileName).toMatch(/^nhat-ky-he-thong-\d{8}\.xlsx$/);
    expect(file).toMatchObject({ rows: 2, truncated: false });
    const rows = await sheetRows(file.bytes);
    expect(rows[2]).toEqual([
      'Thời gian',
      'Người thực hiện',
      'Hành động',
      'Mã hành động',
      'Đối tượng',
      'Chi tiết',
    ]);
    expect(rows.slice(3).map((r) => [r[2], r[3]])).toEqual([
      ['Đăng nhập', 'auth.login'],
      ['Đăng nhập', 'auth.login'],
    ]);
    expect(rows[3]![0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    const recorded = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.exported')
      .execute();
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!.details_json!)).toEqual({
      filter: { action: 'auth.' },
      rows: 2,
    });
  });

  it('stops at 10,000 rows, the newest, and says so', async () => {
    const admin = await signedIn('admin');
    await new AuditLog(server.database.db).recordMany(
      Array.from({ length: 10_050 }, (_, i) => ({
        userId: null,
        action: 'test.bulk',
        subject: `row-${i}`,
        details: null,
      })),
    );
    const result = await admin.router.handle('audit.export', { action: 'test.' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const file = result.value as { bytes: Uint8Array; rows: number; truncated: boolean };
    expect(file).toMatchObject({ rows: 10_000, truncated: true });
    const rows = await sheetRows(file.bytes);
    expect(rows).toHaveLength(3 + 10_000);
    expect(rows[3]![4]).toBe('row-10049');
  }, 60_000);

  it('is refused to a delegate, and nothing is recorded', async () => {
    const delegate = await signedIn('sotc');
    const before = await exportedCount();
    const result = await delegate.router.handle('audit.export', {});
    expect(result.ok).toBe(false);
    expect((result as { error: { code: string } }).error.code).toBe('forbidden');
    expect(await exportedCount()).toBe(before);
  });
});
