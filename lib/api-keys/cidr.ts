import { BlockList, isIP } from 'node:net';

/**
 * `entry` as an address range: `a.b.c.d/n`, `x:y::/n`, or a single address (/32, /128). Null when
 * it is neither (a bad prefix length, a hostname, a zone id).
 */
export function parseCidr(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, ...rest] = entry.trim().split('/');
  if (rest.length) return null;
  const version = isIP(address);
  if (!version) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The entries of `entries` that are not ranges (parseCidr). */
export function invalidCidrs(entries: readonly string[]): string[] {
  return entries.filter((entry) => !parseCidr(entry));
}

/**
 * Whether `ip` lies in one of `ranges`. An IPv4 client seen as an IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d, a dual-stack socket) matches IPv4 ranges. An unknown IP ('') matches nothing.
 */
export function ipAllowed(ip: string, ranges: readonly string[]): boolean {
  const version = isIP(ip);
  if (!version) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const parsed = parseCidr(range);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}
