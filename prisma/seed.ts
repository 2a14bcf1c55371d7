// First-start data, run by scripts/with-db.mjs --seed (npm start, npm run dev) and by
// `npm run cli -- db seed`. Idempotent.
import { disconnectDb } from '@/lib/db';
import { seed } from '@/lib/seed';
import { seedBanner } from '@/lib/seed/banner';

try {
  console.log(seedBanner(await seed()));
} finally {
  await disconnectDb();
}
