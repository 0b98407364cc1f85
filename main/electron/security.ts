import { app, protocol, session, shell, type Certificate, type WebContents } from 'electron';
import type { Logger } from 'pino';
import { APP_SCHEME } from './appOrigin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { externalUrlToOpen, mayNavigate } from './navigationPolicy';
import { mayGrantPermission } from './permissionPolicy';
import {
  certificateFingerprint256,
  decideChromiumCertificate,
  type ServerTrust,
} from './tlsPinning';
import { contentSecurityPolicy } from '../host/csp';

/**
 * Registers `app://` as a standard, secure scheme. Electron accepts this only before the app is
 * ready, so the entry calls it while loading.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * Electron hardening (once the app is ready): the renderer served from `app://phonghop/` with the
 * CSP for the configured server, no new windows, no navigation away from the app, no webviews,
 * permissions only for the app's own origin. Every decision is a plain function
 * (navigationPolicy.ts, permissionPolicy.ts, appProtocol.ts); this only wires them.
 */
export function hardenSession(options: {
  rendererDir: string;
  serverUrl: () => string;
  /** The configured server's certificate (desktopConfig.ts); null: Chromium's own checks. */
  trust: ServerTrust | null;
  logger: Logger;
}): void {
  const ses = session.defaultSession;
  trustServerCertificate(options.trust, options.logger);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir: options.rendererDir,
      contentSecurityPolicy: () => contentSecurityPolicy([options.serverUrl()]),
    }),
  );
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const requestingUrl = details.requestingUrl || webContents.getURL();
    const granted = mayGrantPermission({
      permission,
      requestingUrl,
      isMainFrame: details.isMainFrame,
    });
    if (!granted) options.logger.warn({ permission, requestingUrl }, 'permission refused');
    callback(granted);
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    mayGrantPermission({
      permission,
      requestingUrl: details.requestingUrl || requestingOrigin,
      isMainFrame: details.isMainFrame,
    }),
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options.logger));
}

function hardenWebContents(contents: WebContents, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    else logger.warn({ url }, 'new window refused');
    return { action: 'deny' };
  });
  const refuseLeaving = (event: { preventDefault(): void }, url: string) => {
    if (mayNavigate(url)) return;
    event.preventDefault();
    logger.warn({ url }, 'navigation away from the app refused');
  };
  contents.on('will-navigate', (event) => refuseLeaving(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseLeaving(event, event.url));
  contents.on('will-redirect', (event) => refuseLeaving(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });
}

/**
 * Chromium's connections (the renderer's WebSocket to the server, anything it loads from it):
 * for the configured server's host, exactly the trusted certificate and no other, even one a
 * public CA vouches for (the verify proc); `certificate-error` (a certificate Chromium itself
 * refused) is accepted on the same terms only. Other hosts keep Chromium's verdict.
 */
function trustServerCertificate(trust: ServerTrust | null, logger: Logger): void {
  const decide = (hostname: string, certificate: Certificate) => {
    const decision = decideChromiumCertificate(trust, {
      hostname,
      certificatePem: certificate.data,
      chainPems: issuerChain(certificate),
    });
    if (decision === 'reject') {
      logger.error(
        {
          hostname,
          expected: trust?.kind === 'pinned' ? trust.fingerprint256 : 'configured CA',
          received: safeFingerprint(certificate.data),
        },
        'server certificate refused',
      );
    }
    return decision;
  };
  session.defaultSession.setCertificateVerifyProc((request, callback) => {
    const decision = decide(request.hostname, request.certificate);
    // 0: trusted; -2: refused (net::ERR_FAILED); -3: Chromium's own verification.
    callback(decision === 'accept' ? 0 : decision === 'reject' ? -2 : -3);
  });
  app.on('certificate-error', (event, _webContents, url, _error, certificate, callback) => {
    let hostname = '';
    try {
      hostname = new URL(url).hostname;
    } catch {
      /* refused below */
    }
    if (hostname && decide(hostname, certificate) === 'accept') {
      event.preventDefault();
      callback(true);
    } else {
      callback(false);
    }
  });
}

/** The PEMs of the intermediates Chromium was shown, leaf excluded. */
function issuerChain(certificate: Certificate): string[] {
  const chain: string[] = [];
  let current = certificate.issuerCert;
  while (current && current.data && !chain.includes(current.data) && chain.length < 10) {
    if (current.data === certificate.data) break;
    chain.push(current.data);
    current = current.issuerCert;
  }
  return chain;
}

function safeFingerprint(pem: string): string {
  try {
    return certificateFingerprint256(pem);
  } catch {
    return '(unreadable certificate)';
  }
}
