import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// next-intl is used WITHOUT i18n routing: no locale prefix in URLs and no proxy rewrites (proxy
// rewrites loop when the server is bound to 127.0.0.1). proxy.ts picks the locale and passes it to
// the app in a request header; lib/i18n/request.ts reads it.
//
// The catalogs (messages/<locale>/<part>.json) are precompiled at build time (icu-minify), so the
// browser gets next-intl's small formatter instead of the ICU message parser: about 9 KB of gzipped
// JavaScript on every page, and what keeps the sign-in page within its 150 KB budget
// (e2e/budget.spec.ts). Messages read without a translator come back compiled: plain texts stay
// strings, texts with arguments do not (lib/scopes reads plain scope names only). Vitest imports
// the JSON as is and formats with the full parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `next start` is the default; container builds set NEXT_OUTPUT=standalone (the build script must
  // then copy .next/static and public/ next to server.js).
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // Loaded with Node's require at run time instead of being bundled: native addons, packages that
  // read their own files (WASM, data bundles) and the database driver stack. Next already externalizes
  // @node-rs/argon2, @prisma/client and pg by default; they are listed to make the intent explicit.
  serverExternalPackages: [
    '@node-rs/argon2',
    '@prisma/client',
    '@prisma/adapter-pg',
    'pg',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    // serves its own files from __dirname (Swagger UI assets)
    'swagger-ui-dist',
    // one copy per process: its default registry and timers must not be duplicated per bundle
    'prom-client',
    'pino',
  ],
  // App Router folders cannot start with a dot: /.well-known/* is served by app/well-known/*.
  // Config rewrites are safe with every bind address (only proxy rewrites loop on 127.0.0.1).
  async rewrites() {
    return [{ source: '/.well-known/:path*', destination: '/well-known/:path*' }];
  },
};

export default withNextIntl(nextConfig);
