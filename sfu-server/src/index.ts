/** Command-line entry: `npm run server` (PHONGHOP_* env vars or flags, see config.ts). */
import pino from 'pino';
import { loadServerConfig } from './config';
import { Server } from './Server';

const config = loadServerConfig(process.argv.slice(2), process.env);
const logger = pino({ level: config.logLevel });
const server = await Server.create(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'server failed to start');
  process.exit(1);
});

const { url, tls, demoAccounts } = server.info;
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
