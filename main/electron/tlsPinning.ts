/**
 * Trusting the province's server: an administrator configures its address and, for a
 * self-signed certificate, its SHA-256 fingerprint (the server prints it at start) or, for an
 * intranet CA, the CA's certificate. Every request main makes to that server goes through
 * `createServerFetch` (an undici agent that accepts exactly that certificate), and Chromium's
 * connections (the renderer's WebSocket to the server) through `decideChromiumCertificate`,
 * wired in security.ts. A different certificate is refused with a message naming the expected
 * and the received fingerprint. Plain `http://` is for loopback only.
 *
 * No `electron` import: everything here runs under Node in the tests, against a real HTTPS server.
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import { insecureServerUrlError, isLoopbackHost } from '../../common/protocol/serverUrl';

/** `AB:CD:…` (32 bytes): how Node, OpenSSL and the server print a SHA-256 fingerprint. */
export type Fingerprint256 = string;

/**
 * A fingerprint as an administrator may paste it: colon-separated or plain hex in either case,
 * OpenSSL's `SHA256 Fingerprint=…` line, or Chromium's `sha256/<base64>`. Normalised to
 * upper-case colon-separated hex; anything that is not 32 bytes is refused.
 */
export const fingerprint256Schema = z.string().transform((raw, ctx): Fingerprint256 => {
  const normalised = normaliseFingerprint(raw);
  if (!normalised) {
    ctx.addIssue({
      code: 'custom',
      message: 'not a SHA-256 fingerprint (64 hex digits, colons allowed)',
    });
    return z.NEVER;
  }
  return normalised;
});

export function normaliseFingerprint(raw: string): Fingerprint256 | null {
  let value = raw.trim().replace(/^sha-?256\s*fingerprint\s*=\s*/i, '');
  if (/^sha256\//i.test(value)) {
    const bytes = Buffer.from(value.slice('sha256/'.length), 'base64');
    if (bytes.length !== 32) return null;
    value = bytes.toString('hex');
  }
  const hex = value.replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** SHA-256 fingerprint of a PEM (or DER) certificate. */
export function certificateFingerprint256(certificate: string | Buffer): Fingerprint256 {
  return new X509Certificate(certificate).fingerprint256;
}

/** How the configured server's certificate is trusted. */
export type ServerTrust =
  | {
      kind: 'pinned';
      /** The configured server: its scheme, host and port are what the pin applies to. */
      serverUrl: string;
      fingerprint256: Fingerprint256;
    }
  | {
      kind: 'ca';
      serverUrl: string;
      /** The intranet CA's certificate (PEM): the server's must be issued by it for its name. */
      caPem: string;
    };

/**
 * The server presented another certificate than the configured one: refused, whatever a CA may
 * say of it. The message (Vietnamese, the user's language) names both fingerprints, so IT can
 * tell a renewed certificate from an interception; `details.en` is the English wording.
 */
export class CertificateMismatchError extends AppError {
  constructor(expected: string, received: string, host: string) {
    super(
      'certificate_mismatch',
      `Chứng chỉ bảo mật của máy chủ ${host} không khớp với chứng chỉ đã cấu hình. ` +
        `Mã SHA-256 cần có: ${expected}; máy chủ gửi: ${received}. ` +
        'Ứng dụng đã dừng kết nối để bảo vệ dữ liệu. Vui lòng báo bộ phận kỹ thuật.',
      {
        expected,
        received,
        host,
        en: `The certificate of ${host} is not the configured one (expected SHA-256 ${expected}, received ${received}); the connection was refused`,
      },
    );
    this.name = 'CertificateMismatchError';
  }
}

/** What the CA-mode message names instead of an expected fingerprint. */
const ISSUED_BY_CONFIGURED_CA = 'một chứng chỉ do CA đã cấu hình cấp cho tên máy chủ này';

/**
 * Whether a certificate a server presented is the one to trust: the pinned fingerprint, or (CA
 * mode) issued by the configured CA for `hostname`. `chain` is the certificates after the leaf
 * (intermediates), as presented.
 */
export function certificateTrusted(
  trust: ServerTrust,
  hostname: string,
  leaf: X509Certificate,
  chain: readonly X509Certificate[] = [],
  now: Date = new Date(),
): boolean {
  if (trust.kind === 'pinned') return leaf.fingerprint256 === trust.fingerprint256;
  const ca = new X509Certificate(trust.caPem);
  const nameMatches = net.isIP(hostname) ? !!leaf.checkIP(hostname) : !!leaf.checkHost(hostname);
  if (!nameMatches) return false;
  const current = (cert: X509Certificate) =>
    new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
  const signedBy = (cert: X509Certificate, issuer: X509Certificate) =>
    cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  // From the leaf up through the intermediates the server sent, to the configured CA.
  let cert = leaf;
  for (let depth = 0; depth <= chain.length; depth++) {
    if (!current(cert)) return false;
    if (signedBy(cert, ca)) return current(ca);
    const issuer = chain.find((c) => c.ca && c !== cert && signedBy(cert, c));
    if (!issuer) return false;
    cert = issuer;
  }
  return false;
}

/** The host (`name:port`) a trust applies to, as URLs spell it. */
function trustedHost(trust: ServerTrust): { protocol: string; host: string; hostname: string } {
  const url = new URL(trust.serverUrl);
  return { protocol: url.protocol, host: url.host, hostname: url.hostname.replace(/^\[|\]$/g, '') };
}

/**
 * What Chromium should do with a certificate (Electron's `setCertificateVerifyProc` and
 * `certificate-error`): for the configured server's host, accept exactly the trusted certificate
 * and refuse any other, even one a public CA vouches for; other hosts get Chromium's own checks.
 */
export function decideChromiumCertificate(
  trust: ServerTrust | null,
  request: { hostname: string; certificatePem: string; chainPems?: readonly string[] },
): 'accept' | 'reject' | 'default' {
  if (!trust) return 'default';
  const hostname = request.hostname.replace(/^\[|\]$/g, '');
  if (hostname.toLowerCase() !== trustedHost(trust).hostname.toLowerCase()) return 'default';
  try {
    const leaf = new X509Certificate(request.certificatePem);
    const chain = (request.chainPems ?? []).map((pem) => new X509Certificate(pem));
    return certificateTrusted(trust, hostname, leaf, chain) ? 'accept' : 'reject';
  } catch {
    return 'reject';
  }
}

/**
 * The fetch every main-process request to a server goes through (createMainServices `fetch`):
 * - the configured server over HTTPS: an undici agent that accepts exactly the trusted
 *   certificate (no TLS session reuse, so every connection shows its certificate), a mismatch
 *   rejecting with CertificateMismatchError;
 * - plain `http://` to anything but loopback: refused (InvalidError, reason
 *   `insecure_server_url`), before a byte is sent;
 * - anything else: `fallback` (Node's fetch, with its own CA checks).
 */
export function createServerFetch(
  trust: ServerTrust | null,
  fallback: typeof fetch = fetch,
): { fetch: typeof fetch; close(): Promise<void> } {
  const agent = trust ? new Agent({ connect: trustingConnector(trust) }) : null;
  const target = trust && trustedHost(trust);
  const serverFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      throw insecureServerUrlError(url.origin);
    }
    if (!agent || !target || url.protocol !== target.protocol || url.host !== target.host) {
      return fallback(input, init);
    }
    try {
      const response = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: agent,
      });
      return response as unknown as Response;
    } catch (error) {
      // undici wraps what the connector refused in TypeError('fetch failed', { cause }).
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof CertificateMismatchError) throw cause;
      throw error;
    }
  };
  return {
    fetch: serverFetch as typeof fetch,
    close: async () => agent?.close(),
  };
}

/** undici's connector, checking the presented certificate before any request is written. */
function trustingConnector(trust: ServerTrust): buildConnector.connector {
  // NOTE: chain and name checks are ours (certificateTrusted), so Node's are off; no cached TLS
  // sessions, so a resumed session never skips the check.
  const connect = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0 });
  return (options, callback) =>
    connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('no socket'), null);
        return;
      }
      const tlsSocket = socket as tls.TLSSocket;
      const hostname = options.hostname.replace(/^\[|\]$/g, '');
      const presented = tlsSocket.getPeerX509Certificate();
      const chain = peerChain(tlsSocket);
      if (presented && certificateTrusted(trust, hostname, presented, chain)) {
        callback(null, socket);
        return;
      }
      socket.destroy();
      const expected = trust.kind === 'pinned' ? trust.fingerprint256 : ISSUED_BY_CONFIGURED_CA;
      callback(
        new CertificateMismatchError(
          expected,
          presented?.fingerprint256 ?? '(không có chứng chỉ)',
          options.host ?? hostname,
        ),
        null,
      );
    });
}

/** The intermediates the server sent after its own certificate. */
function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (cert?.issuerCertificate && cert.issuerCertificate !== cert) {
    cert = cert.issuerCertificate;
    if (!cert.raw || seen.has(cert.fingerprint256)) break;
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
  }
  return chain;
}
