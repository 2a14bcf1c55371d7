import { describe, expect, it } from 'vitest';
import { invalidCidrs, ipAllowed, parseCidr } from './cidr';

describe('API key IP allow-lists', () => {
  it('parses IPv4 and IPv6 addresses and ranges, and nothing else', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('2001:db8::/32')).toEqual({ address: '2001:db8::', prefix: 32, family: 'ipv6' });
    expect(parseCidr('192.0.2.1')).toEqual({ address: '192.0.2.1', prefix: 32, family: 'ipv4' });
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    expect(invalidCidrs(['10.0.0.0/33', '2001:db8::/129', 'example.com', '10.0.0.0/8/1', '10.0.0.0/-1', '10.0.0.0/', '1.2.3.4/08a', '10.0.0.0/0'])).toEqual([
      '10.0.0.0/33',
      '2001:db8::/129',
      'example.com',
      '10.0.0.0/8/1',
      '10.0.0.0/-1',
      '10.0.0.0/',
      '1.2.3.4/08a',
    ]);
  });

  it('matches an address against the ranges; an unknown IP matches nothing', () => {
    const ranges = ['10.0.0.0/8', '2001:db8::/32'];
    expect(ipAllowed('10.255.0.1', ranges)).toBe(true);
    expect(ipAllowed('11.0.0.1', ranges)).toBe(false);
    expect(ipAllowed('2001:db8:ffff::1', ranges)).toBe(true);
    expect(ipAllowed('2001:db9::1', ranges)).toBe(false);
    expect(ipAllowed('::ffff:10.1.2.3', ranges)).toBe(true);
    expect(ipAllowed('', ranges)).toBe(false);
    expect(ipAllowed('not-an-ip', ranges)).toBe(false);
  });
});
