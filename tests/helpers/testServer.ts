import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultServerConfig, type ServerConfig } from '../../sfu-server/src/config';
import { Server } from '../../sfu-server/src/Server';

export const DEMO_PASSWORD = 'PhongHop@2026';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `phonghop-${prefix}-`));
}

/**
 * A real server on an ephemeral loopback port with a fresh data directory, seeded with the demo
 * unless `seedDemo: false` (the server itself seeds only when asked).
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
): Promise<{ server: Server; url: string; dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir('server');
  const server = await Server.create(
    defaultServerConfig({ port: 0, dataDir, logLevel: 'silent', seedDemo: true, ...overrides }),
    pino({ level: 'silent' }),
  );
  return { server, url: server.url, dataDir };
}

export async function login(
  url: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function getJson(url: string, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}
