-- CreateEnum
CREATE TYPE "IdentityProviderProtocol" AS ENUM ('oidc', 'oauth2', 'google', 'facebook', 'github', 'discord', 'apple');

-- AlterEnum
ALTER TYPE "OneTimeCodePurpose" ADD VALUE 'account_link';

-- AlterTable
ALTER TABLE "orgs" ADD COLUMN     "autoJoinEmailDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "external_identities" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" VARCHAR(100) NOT NULL,
    "subject" VARCHAR(500) NOT NULL,
    "email" TEXT,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "external_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_providers" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "protocol" "IdentityProviderProtocol" NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "buttonLabel" VARCHAR(100) NOT NULL DEFAULT '',
    "iconUrl" VARCHAR(500) NOT NULL DEFAULT '',
    "showButton" BOOLEAN NOT NULL DEFAULT true,
    "allowPolicyRedirect" BOOLEAN NOT NULL DEFAULT true,
    "clientId" VARCHAR(500) NOT NULL,
    "clientSecretEncrypted" TEXT,
    "issuer" VARCHAR(500) NOT NULL DEFAULT '',
    "authorizationEndpoint" VARCHAR(500) NOT NULL DEFAULT '',
    "tokenEndpoint" VARCHAR(500) NOT NULL DEFAULT '',
    "userinfoEndpoint" VARCHAR(500) NOT NULL DEFAULT '',
    "jwksUri" VARCHAR(500) NOT NULL DEFAULT '',
    "idTokenAlgorithms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "claimMapping" JSONB NOT NULL DEFAULT '{}',
    "options" JSONB NOT NULL DEFAULT '{}',
    "discoveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "identity_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "federation_states" (
    "id" UUID NOT NULL,
    "stateHash" TEXT NOT NULL,
    "authorizationRequestId" UUID NOT NULL,
    "provider" VARCHAR(100) NOT NULL,
    "codeVerifierEncrypted" TEXT,
    "nonce" TEXT NOT NULL,
    "postedCodeEncrypted" TEXT,
    "postedUser" JSONB,
    "consumedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "federation_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pending_identity_links" (
    "id" UUID NOT NULL,
    "authorizationRequestId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" VARCHAR(100) NOT NULL,
    "subject" VARCHAR(500) NOT NULL,
    "email" TEXT NOT NULL,
    "firstName" VARCHAR(100),
    "lastName" VARCHAR(100),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_identity_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "external_identities_userId_idx" ON "external_identities"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "external_identities_provider_subject_key" ON "external_identities"("provider", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "identity_providers_name_key" ON "identity_providers"("name");

-- CreateIndex
CREATE UNIQUE INDEX "federation_states_stateHash_key" ON "federation_states"("stateHash");

-- CreateIndex
CREATE INDEX "federation_states_authorizationRequestId_idx" ON "federation_states"("authorizationRequestId");

-- CreateIndex
CREATE INDEX "federation_states_expiresAt_idx" ON "federation_states"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "pending_identity_links_authorizationRequestId_key" ON "pending_identity_links"("authorizationRequestId");

-- CreateIndex
CREATE INDEX "pending_identity_links_userId_idx" ON "pending_identity_links"("userId");

-- AddForeignKey
ALTER TABLE "external_identities" ADD CONSTRAINT "external_identities_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "federation_states" ADD CONSTRAINT "federation_states_authorizationRequestId_fkey" FOREIGN KEY ("authorizationRequestId") REFERENCES "authorization_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_identity_links" ADD CONSTRAINT "pending_identity_links_authorizationRequestId_fkey" FOREIGN KEY ("authorizationRequestId") REFERENCES "authorization_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_identity_links" ADD CONSTRAINT "pending_identity_links_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: accounts an external provider created before identities had their own table keep
-- signing in through it (authProvider + providerSubject become their first identity).
INSERT INTO "external_identities" ("id", "userId", "provider", "subject", "email", "emailVerified", "createdAt", "updatedAt")
SELECT gen_random_uuid(), "id", "authProvider", "providerSubject", "email", "emailVerified", "createdAt", CURRENT_TIMESTAMP
FROM "users"
WHERE "authProvider" <> 'local' AND "providerSubject" IS NOT NULL;
