/**
 * `npm run --silent audit:verify`: checks the audit log's hash chain (PHONGHOP_DATA /
 * PHONGHOP_DATABASE_URL, or --data / --database-url, as the server). Prints one line; exit 0 when
 * every row holds, 1 naming the first row that does not, 2 when it cannot check.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { data: { type: 'string' }, 'database-url': { type: 'string' } },
  strict: true,
});
const dataDir = path.resolve(values.data ?? process.env.PHONGHOP_DATA ?? 'data');
const databaseUrl = values['database-url'] ?? process.env.PHONGHOP_DATABASE_URL;

try {
  const opened = await openDatabase(dataDir, databaseUrl);
  try {
    const verdict = await new AuditLog(opened.db).verify();
    if (verdict.ok) {
      process.stdout.write(
        `Nhật ký kiểm tra nguyên vẹn: ${verdict.rows} dòng — audit log intact, ${verdict.rows} rows, head ${verdict.head}\n`,
      );
      process.exitCode = 0;
    } else {
      process.stdout.write(
        `Nhật ký bị sửa từ dòng ${verdict.brokenAt} — audit log broken at row ${verdict.brokenAt} (${verdict.reason === 'hash' ? 'its content does not match its hash' : 'it does not follow the row before it'})\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    await opened.close();
  }
} catch (error) {
  process.stderr.write(`Lỗi / error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
