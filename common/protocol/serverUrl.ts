/**
 * Which server addresses the client may use: HTTPS anywhere, plain HTTP only on this computer
 * (loopback), so passwords and tokens never cross a network in clear. Checked when the user
 * signs in and on every request main makes (main/electron/tlsPinning.ts).
 */
import { InvalidError } from '../errors';

/** `localhost`, 127.0.0.0/8 and ::1 (URL hostnames keep IPv6 in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/** Why a server address is refused, or null when it may be used. */
export function serverUrlRefusal(raw: string): 'not_http' | 'insecure' | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not_http';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'not_http';
  return isLoopbackHost(url.hostname) ? null : 'insecure';
}

/**
 * The refusal of a plain-HTTP address on the network (`details.reason: insecure_server_url`).
 * Vietnamese message, `details.en` in English, as the other user-facing AppErrors.
 */
export function insecureServerUrlError(origin: string): InvalidError {
  return new InvalidError(
    `Máy chủ ${origin} dùng http:// không mã hóa: mật khẩu và dữ liệu cuộc họp sẽ bị gửi đi dạng rõ. ` +
      'Hãy dùng địa chỉ https:// do bộ phận kỹ thuật cung cấp (http:// chỉ dùng cho máy chủ trên chính máy này).',
    {
      reason: 'insecure_server_url',
      en: `${origin} uses plain http://, which would send passwords in clear; use the https:// address (http:// is for a server on this computer only)`,
    },
  );
}
