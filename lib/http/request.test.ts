import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfigForTesting, resetConfigForTesting } from '@/lib/config';
import { clientIp } from './request';

// The channel scripts/serve.mjs publishes (npm run serve): the random name of the header carrying
// the socket address. Tests stand in for it by setting the same global.
const SERVE_CHANNEL_KEY = Symbol.for('tessera.serve');
const servedBy = (clientIpHeader: string | undefined) => {
  const holder = globalThis as Record<symbol, unknown>;
  if (clientIpHeader) holder[SERVE_CHANNEL_KEY] = { clientIpHeader };
  else delete holder[SERVE_CHANNEL_KEY];
};

const requestWith = (headers: Record<string, string>) => new NextRequest('http://localhost:3999/identity/v1/authorize-password', { headers });

afterEach(() => {
  servedBy(undefined);
  resetConfigForTesting();
});

describe('clientIp', () => {
  const forged = { 'x-tessera-client-ip': '198.51.100.2', 'x-forwarded-for': '198.51.100.4', 'x-real-ip': '198.51.100.5' };

  it('is empty without npm run serve and without TRUSTED_PROXY_HEADER, whatever the client sends', () => {
    overrideConfigForTesting({ trustedProxyHeader: '' });
    expect(clientIp(requestWith({ ...forged, 'x-tessera-client-ip-0123456789abcdef': '198.51.100.3' }))).toBe('');
  });

  it('under npm run serve, is the socket address from the header the server named at start-up, and only that one', () => {
    overrideConfigForTesting({ trustedProxyHeader: '' });
    servedBy('x-tessera-client-ip-00112233aabbccdd');
    expect(clientIp(requestWith({ ...forged, 'x-tessera-client-ip-00112233aabbccdd': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientIp(requestWith({ ...forged, 'x-tessera-client-ip-0123456789abcdef': '198.51.100.3' }))).toBe('');
  });

  it('behind a proxy (TRUSTED_PROXY_HEADER), is the entry the proxy appended, also under npm run serve', () => {
    overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for' });
    servedBy('x-tessera-client-ip-00112233aabbccdd');
    const request = requestWith({ 'x-forwarded-for': '198.51.100.4, 203.0.113.9', 'x-tessera-client-ip-00112233aabbccdd': '10.0.0.2' });
    expect(clientIp(request)).toBe('203.0.113.9');
  });
});
