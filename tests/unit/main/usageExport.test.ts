/**
 * Main's `usage.export` against a real server (demo seed): the usage figures of a period as the
 * workbook an operator hands in, a sheet per month with its totals and a sheet per unit, in
 * Vietnamese, holding exactly what `getUsage` answers; a delegate is refused.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import { ApiClient } from '../../../common/protocol/ApiClient';
import { AuditLog } from '../../../sfu-server/src/db/repos/AuditLog';
import type { Server } from '../../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../../helpers/testServer';

/** The demo's steering committee meeting of 27/9/2022, 08:00–11:30. */
const PAST_MEETING = 'hd-bcd-cds-2022-09-27';
const PERIOD = { from: '2022-09-01', to: '2022-10-31' };

let server: Server;
let url: string;
const opened: MainServices[] = [];

beforeAll(async () => {
  ({ server, url } = await startTestServer({ seedDemo: true, workers: 1 }));
  // Two delegates were in the room from 08:00 to 10:15 (and one of them until 11:00).
  const log = new AuditLog(server.database.db);
  const room = (action: string, userId: string, peerId: string, at: string, siteId?: string) =>
    log.record(
      {
        userId,
        action,
        subject: PAST_MEETING,
        details: siteId ? { peerId, siteId } : { peerId },
      },
      new Date(at),
    );
  await room('room.join', 'sotc', 'e1', '2022-09-27T08:00:00+07:00', 'site-hall');
  await room('room.join', 'camgiang', 'e2', '2022-09-27T08:30:00+07:00', 'site-district');
  await room('room.leave', 'sotc', 'e1', '2022-09-27T10:15:00+07:00');
  await room('room.leave', 'camgiang', 'e2', '2022-09-27T11:00:00+07:00');
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

async function sheets(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1);
    });
    out[sheet.name] = rows;
  }
  return out;
}

describe('usage.export', () => {
  it('writes the months with their totals and the units, exactly as getUsage answers', async () => {
    const admin = await signedIn('admin');
    const result = await admin.router.handle('usage.export', PERIOD);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const file = result.value as { fileName: string; mimeType: string; bytes: Uint8Array };
    expect(file.fileName).toBe('thong-ke-su-dung-20220901-20221031.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const anonymous = new ApiClient({ baseUrl: url });
    const { token } = await anonymous.call(
      'login',
      {},
      { username: 'admin', password: DEMO_PASSWORD },
    );
    const report = await anonymous.withToken(token).call('getUsage', {}, {}, PERIOD);
    // The meeting's room was in use 08:00–11:00: three hours of conference in September.
    expect(report.months[0]).toMatchObject({
      month: '2022-09',
      connectedMeetings: 1,
      connectedSeconds: 3 * 3600,
      sites: 2,
      people: 2,
    });

    const { 'Theo tháng': months, 'Theo đơn vị': units } = await sheets(file.bytes);
    expect(months![0]![0]).toBe('BÁO CÁO THỐNG KÊ SỬ DỤNG HỆ THỐNG HỌP TRỰC TUYẾN');
    expect(String(months![1]![0])).toMatch(
      /^Từ ngày 01\/09\/2022 đến ngày 31\/10\/2022 — Ngày lập: /,
    );
    expect(months![4]).toEqual([
      'Tháng',
      'Số cuộc họp',
      'Cuộc họp có kết nối trực tuyến',
      'Giờ họp theo kết nối thực tế',
      'Giờ họp theo thời lượng dự kiến',
      'Tổng số giờ họp',
      'Số điểm cầu kết nối',
      'Số người kết nối',
      'Số tài liệu phát hành',
      'Số nhiệm vụ được giao',
    ]);
    const row = (label: string, f: (typeof report)['totals']) => [
      label,
      f.meetings,
      f.connectedMeetings,
      Math.round((f.connectedSeconds / 3600) * 100) / 100,
      Math.round((f.plannedSeconds / 3600) * 100) / 100,
      Math.round(((f.connectedSeconds + f.plannedSeconds) / 3600) * 100) / 100,
      f.sites,
      f.people,
      f.documents,
      f.tasks,
    ];
    expect(months!.slice(5, 8)).toEqual([
      row('09/2022', report.months[0]!),
      row('10/2022', report.months[1]!),
      row('Tổng cộng', report.totals),
    ]);
    expect(months![5]![3]).toBe(3);

    expect(units![4]).toEqual([
      'STT',
      'Đơn vị',
      'Số cuộc họp (đơn vị chuẩn bị)',
      'Cuộc họp có kết nối trực tuyến',
      'Tổng số giờ họp',
      'Số tài liệu phát hành',
      'Số nhiệm vụ chủ trì',
    ]);
    expect(report.units.length).toBeGreaterThan(0);
    expect(units!.slice(5)).toEqual(
      report.units.map((u, i) => [
        i + 1,
        u.unit.name,
        u.meetings,
        u.connectedMeetings,
        Math.round(((u.connectedSeconds + u.plannedSeconds) / 3600) * 100) / 100,
        u.documents,
        u.tasks,
      ]),
    );
  });

  it('is refused to a delegate, and to a period over 24 months before anything is read', async () => {
    const delegate = await signedIn('sotc');
    const refused = await delegate.router.handle('usage.export', PERIOD);
    expect(refused.ok).toBe(false);
    expect((refused as { error: { code: string } }).error.code).toBe('forbidden');
    const admin = await signedIn('admin');
    const tooLong = await admin.router.handle('usage.export', {
      from: '2020-01-01',
      to: '2022-01-01',
    });
    expect(tooLong.ok).toBe(false);
    expect((tooLong as { error: { code: string } }).error.code).toBe('invalid');
  });
});
