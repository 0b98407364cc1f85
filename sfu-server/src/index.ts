/** Command-line entry: `npm run server` (PHONGHOP_* env vars or flags, see config.ts). */
import path from 'node:path';
import pino from 'pino';
import { loadServerConfig } from './config';
import { Server } from './Server';

const config = loadServerConfig(process.argv.slice(2), process.env);
const logger = pino({ level: config.logLevel });
const server = await Server.create(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'server failed to start');
  process.exit(1);
});

const { url, tls, demoAccounts, noAccounts } = server.info;
const lines = [`Phòng Họp server: ${url}`];
if (tls)
  lines.push(`TLS certificate SHA-256 fingerprint (pin it in clients): ${tls.fingerprint256}`);
if (demoAccounts.length > 0) {
  lines.push(
    'Demo accounts created (mật khẩu / password for all: ' + demoAccounts[0]!.password + '):',
  );
  for (const a of demoAccounts)
    lines.push(`  ${a.username.padEnd(12)} ${a.fullName} — ${a.roles.join(', ')} — ${a.site}`);
}
if (noAccounts) {
  lines.push(
    'Chưa có tài khoản nào. Tạo quản trị viên đầu tiên (mật khẩu đọc từ một dòng nhập vào):',
    'No account exists yet. Create the first administrator (the password is read from standard input):',
    `  npm run --silent admin -- create-admin --username NAME --full-name "Họ và tên"` +
      (process.env.PHONGHOP_DATA || config.dataDir !== path.resolve('data')
        ? ` --data ${JSON.stringify(config.dataDir)}`
        : ''),
  );
}
process.stdout.write(lines.join('\n') + '\n');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
