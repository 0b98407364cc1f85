/**
 * The machine's configuration of the desktop app, set by IT at install time: which server, and
 * how its certificate is trusted. A JSON file beside the installed program (where only an
 * administrator can write on a per-machine install), e.g.
 *
 * ```json
 * { "serverUrl": "https://hop.haiduong.gov.vn:8443",
 *   "serverCertificateSha256": "AB:CD:…(the line the server prints at start)…" }
 * ```
 *
 * or `"serverCaFile": "C:\\…\\ca-tinh.pem"` for a certificate from the province's own CA, and
 * `"updates": { "enabled": false }` where IT rolls out versions itself (updatePolicy.ts). In a
 * development run (not packaged) and only there, the environment may say the same:
 * PHONGHOP_SERVER_URL, PHONGHOP_SERVER_FINGERPRINT, PHONGHOP_SERVER_CA_FILE.
 *
 * No `electron` import: the entry passes what Electron knows (packaged or not, where the program
 * is). A file that exists but is wrong stops the app with a message naming the file and the
 * fault: running with a half-read configuration could skip the pin.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { serverUrlRefusal } from '../../common/protocol/serverUrl';
import { fingerprint256Schema, type ServerTrust } from './tlsPinning';
import { updatesConfigSchema, type UpdatesConfig } from './updatePolicy';

export const DESKTOP_CONFIG_FILE = 'phonghop.config.json';

const configFileSchema = z
  .strictObject({
    serverUrl: z
      .string()
      .url()
      .refine((url) => serverUrlRefusal(url) === null, 'https:// (http:// only for loopback)')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    serverCertificateSha256: fingerprint256Schema.optional(),
    serverCaFile: z.string().min(1).optional(),
    /** The updater's policy (updatePolicy.ts); `{ "enabled": false }` switches it off. */
    updates: updatesConfigSchema.optional(),
  })
  .refine((c) => !(c.serverCertificateSha256 && c.serverCaFile), {
    message: 'serverCertificateSha256 or serverCaFile, not both',
  })
  .refine(
    (c) => !(c.serverCertificateSha256 || c.serverCaFile) || c.serverUrl?.startsWith('https://'),
    {
      message: 'a pinned certificate or a CA needs an https:// serverUrl',
    },
  );

export interface DesktopConfig {
  /** The server to sign in to by default; undefined: the user types it at sign-in. */
  serverUrl?: string;
  /** How that server's certificate is trusted; null: the system's CAs (Node's and Chromium's). */
  trust: ServerTrust | null;
  /** The updater's policy from the file; undefined: the defaults (on, the built-in feed). */
  updates?: UpdatesConfig;
  /** Where it came from (a file, `environment`), or null when nothing was configured. */
  source: string | null;
}

/** The configuration could not be read: the message (Vietnamese) says which file and why. */
export class DesktopConfigError extends Error {
  constructor(file: string, fault: string) {
    super(`Tệp cấu hình ${file} không hợp lệ: ${fault}. Vui lòng báo bộ phận kỹ thuật.`);
    this.name = 'DesktopConfigError';
  }
}

/** Where IT may put the file: beside the program; on Linux also /etc/phonghop. */
export function desktopConfigCandidates(options: {
  execPath: string;
  platform: NodeJS.Platform;
}): string[] {
  const candidates = [path.join(path.dirname(options.execPath), DESKTOP_CONFIG_FILE)];
  if (options.platform === 'linux')
    candidates.push(path.join('/etc/phonghop', DESKTOP_CONFIG_FILE));
  return candidates;
}

export function loadDesktopConfig(options: {
  candidates: readonly string[];
  env: NodeJS.ProcessEnv;
  /** A packaged app reads only the file: the environment is a development convenience. */
  packaged: boolean;
}): DesktopConfig {
  const file = options.candidates.find((candidate) => fs.existsSync(candidate));
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DesktopConfigError(file, `không đọc được JSON (${(error as Error).message})`);
    }
    return fromFields(configFileSchema, raw, file, path.dirname(file));
  }
  if (options.packaged) return { trust: null, source: null };
  const fields = {
    serverUrl: options.env.PHONGHOP_SERVER_URL || undefined,
    serverCertificateSha256: options.env.PHONGHOP_SERVER_FINGERPRINT || undefined,
    serverCaFile: options.env.PHONGHOP_SERVER_CA_FILE || undefined,
  };
  if (!Object.values(fields).some(Boolean)) return { trust: null, source: null };
  return fromFields(configFileSchema, fields, 'environment', process.cwd());
}

function fromFields(
  schema: typeof configFileSchema,
  raw: unknown,
  source: string,
  baseDir: string,
): DesktopConfig {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new DesktopConfigError(source, `${where}${issue?.message ?? 'sai định dạng'}`);
  }
  const { serverUrl, serverCertificateSha256, serverCaFile, updates } = parsed.data;
  let trust: ServerTrust | null = null;
  if (serverUrl && serverCertificateSha256) {
    trust = { kind: 'pinned', serverUrl, fingerprint256: serverCertificateSha256 };
  } else if (serverUrl && serverCaFile) {
    const caPath = path.resolve(baseDir, serverCaFile);
    let caPem: string;
    try {
      caPem = fs.readFileSync(caPath, 'utf8');
    } catch (error) {
      throw new DesktopConfigError(
        source,
        `không đọc được serverCaFile ${caPath} (${(error as Error).message})`,
      );
    }
    try {
      new X509Certificate(caPem);
    } catch {
      throw new DesktopConfigError(source, `serverCaFile ${caPath} không phải chứng chỉ PEM`);
    }
    trust = { kind: 'ca', serverUrl, caPem };
  }
  return { serverUrl, trust, source, ...(updates ? { updates } : {}) };
}
