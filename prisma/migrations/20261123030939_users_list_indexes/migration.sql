-- DropIndex
DROP INDEX "users_createdAt_idx";

-- CreateIndex
CREATE INDEX "users_createdAt_id_idx" ON "users"("createdAt", "id");

-- CreateIndex
CREATE INDEX "users_email_id_idx" ON "users"("email", "id");


-- Hand-written (Prisma cannot declare expression indexes and leaves them out of its diffs).
-- Users search (lib/users/admin.ts): case-insensitive PREFIX match of the email, the full name
-- ("first last") and the last name, as range scans. COLLATE "C" makes the range exactly "starts
-- with" whatever the database collation is.
CREATE INDEX "users_search_email_idx" ON "users" ((lower("email") COLLATE "C"));
CREATE INDEX "users_search_name_idx" ON "users" ((lower(coalesce("firstName", '') || ' ' || coalesce("lastName", '')) COLLATE "C"));
CREATE INDEX "users_search_last_name_idx" ON "users" ((lower("lastName") COLLATE "C"));

-- Users sorted by last sign-in: never signed in counts as the oldest.
CREATE INDEX "users_last_sign_in_sort_idx" ON "users" ((coalesce("lastSignInAt", '-infinity'::timestamptz)), "id");
