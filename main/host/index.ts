/** `npm start` in browser mode: the renderer in any browser, backed by the Node-hosted services. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { BrowserHost } from './BrowserHost';
import { appVersion } from '../version';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PHONGHOP_CLIENT_PORT ?? '5174' },
    server: { type: 'string', default: process.env.PHONGHOP_SERVER_URL ?? 'http://127.0.0.1:8443' },
    data: {
      type: 'string',
      default: process.env.PHONGHOP_CLIENT_DATA ?? path.resolve('data', 'client'),
    },
    renderer: { type: 'string', default: path.resolve('dist', 'renderer') },
    // End-to-end tests only: lets a test cut one profile off the server (see BrowserHost).
    'test-network-control': { type: 'boolean', default: false },
  },
});

const logger = pino({ level: process.env.PHONGHOP_LOG_LEVEL ?? 'info' });
const host = await BrowserHost.start({
  host: '127.0.0.1',
  port: Number(values.port),
  rendererDir: values.renderer,
  dataDir: values.data,
  serverUrl: values.server,
  version: appVersion,
  logger,
  testNetworkControl: values['test-network-control'],
});
process.stdout.write(`Phòng Họp client (browser mode): open ${host.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void host.close().then(() => process.exit(0)));
}
