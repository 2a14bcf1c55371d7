-- Users sorted by last sign-in (lib/users/admin.ts): a plain-column index allows index-only scans
-- (deep pages); NULLS FIRST (hand-edited: Prisma cannot declare it and ignores it in diffs) makes
-- "never signed in" the oldest in both directions. Replaces the expression index.
DROP INDEX "users_last_sign_in_sort_idx";

-- CreateIndex
CREATE INDEX "users_lastSignInAt_id_idx" ON "users"("lastSignInAt" ASC NULLS FIRST, "id" ASC);
