import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The native schema engine cannot be downloaded here; `prisma generate` only needs a path that
// exists. Machines with a real engine set PRISMA_SCHEMA_ENGINE_BINARY or PRISMA_NATIVE_ENGINE=1.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !process.env.PRISMA_NATIVE_ENGINE) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(import.meta.dirname, 'scripts/schema-engine-unavailable.sh');
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55440/postgres' },
});
