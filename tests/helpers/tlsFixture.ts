/**
 * Certificates and HTTPS servers for the pinning tests: self-signed ones (as the server makes at
 * first start, sfu-server/src/tls.ts) and ones from a CA made here (as a province's intranet CA
 * would issue), served on 127.0.0.1.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface Pems {
  cert: string;
  key: string;
}

/** A server certificate for `ip` (self-signed, or issued by `ca`), or a CA's (`isCa`). */
export async function makeCertificate(
  commonName: string,
  options: { ip?: string; ca?: Pems; isCa?: boolean } = {},
): Promise<Pems> {
  const extensions = options.isCa
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ]
    : [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: options.ip ?? '127.0.0.1' }] },
      ];
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions,
    ...(options.ca ? { ca: options.ca } : {}),
  } as Parameters<typeof generate>[1]);
  return { cert: pems.cert, key: pems.private };
}

export interface TestHttpsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1 with `pems`, answering /api/health as the real server does and
 * anything else with 404.
 */
export async function startHttpsServer(pems: Pems): Promise<TestHttpsServer> {
  const server = https.createServer({ cert: pems.cert, key: pems.key }, (req, res) => {
    const health = req.url === '/api/health';
    res.writeHead(health ? 200 : 404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        health
          ? { status: 'ok', version: 'test', mediasoup: { workers: 1 } }
          : { error: { code: 'not_found', message: 'Not found' } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
