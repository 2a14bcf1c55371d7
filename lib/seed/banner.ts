import { config } from '@/lib/config';
import type { SeedReport } from './index';

/** What a deployer needs after start-up: where the server is and how to sign in. */
export function seedBanner(report: SeedReport): string {
  const { authServerUrl } = config();
  return [
    '',
    '  Tessera Auth',
    `  Issuer:     ${authServerUrl}`,
    `  Discovery:  ${authServerUrl}/.well-known/openid-configuration`,
    `  Admin:      ${report.adminEmail}`,
    report.adminPassword
      ? `  Password:   ${report.adminPassword}   (shown once: store it now)`
      : '  Password:   (printed at first start only; it is stored hashed)',
    `  Demo app:   client_id ${report.demoClientId}, redirect URI ${report.demoRedirectUri}`,
    `  Try it:     ${authServerUrl}/demo`,
    '',
  ].join('\n');
}
