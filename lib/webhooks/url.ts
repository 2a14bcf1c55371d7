import { isIP } from 'node:net';
import { config } from '@/lib/config';

/**
 * Why `value` cannot be a receiver, or undefined. Absolute http(s) URLs without credentials or
 * fragment; in production (ENVIRONMENT=prod) https only and never a loopback, private, link-local
 * or otherwise internal host written as such (localhost, 127.0.0.1, 10.x, 192.168.x, fd00::/8, …),
 * so an admin's endpoint cannot make the server call its own network. Names that resolve to such
 * addresses are not caught here: firewall egress for that.
 */
export function webhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http(s)';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.hash) return 'must not contain a fragment';
  if (!config().isProduction) return undefined;
  if (url.protocol !== 'https:') return 'must use https in production';
  if (isInternalHost(url.hostname)) return 'must not point at a loopback, private or link-local address in production';
  return undefined;
}

function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (version === 6) {
    if (host === '::1' || host === '::') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isInternalHost(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(host);
  }
  return false;
}
