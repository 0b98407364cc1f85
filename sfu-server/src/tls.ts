import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, colon-separated hex, for clients that pin it. */
  fingerprint256: string;
  generated: boolean;
}

/**
 * The configured certificate, or a self-signed one generated at first start and kept in the data
 * directory so its fingerprint stays stable across restarts.
 */
export async function loadOrCreateTls(options: {
  dataDir: string;
  host: string;
  certFile?: string;
  keyFile?: string;
}): Promise<TlsMaterial> {
  if (options.certFile && options.keyFile) {
    const cert = fs.readFileSync(options.certFile, 'utf8');
    return {
      cert,
      key: fs.readFileSync(options.keyFile, 'utf8'),
      fingerprint256: new X509Certificate(cert).fingerprint256,
      generated: false,
    };
  }
  const dir = path.join(options.dataDir, 'tls');
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    const cert = fs.readFileSync(certPath, 'utf8');
    return {
      cert,
      key: fs.readFileSync(keyPath, 'utf8'),
      fingerprint256: new X509Certificate(cert).fingerprint256,
      generated: false,
    };
  }
  const isIp = /^[\d.]+$|:/.test(options.host);
  const pems = await generate([{ name: 'commonName', value: options.host }], {
    keySize: 2048,
    algorithm: 'sha256',
    days: 825,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          isIp ? { type: 7, ip: options.host } : { type: 2, value: options.host },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyPath, pems.private, { mode: 0o600 });
  fs.writeFileSync(certPath, pems.cert);
  return {
    cert: pems.cert,
    key: pems.private,
    fingerprint256: new X509Certificate(pems.cert).fingerprint256,
    generated: true,
  };
}
