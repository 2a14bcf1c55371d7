-- CreateEnum
CREATE TYPE "AppType" AS ENUM ('spa', 's2s');

-- CreateEnum
CREATE TYPE "PasswordAlgorithm" AS ENUM ('argon2id', 'bcrypt');

-- CreateEnum
CREATE TYPE "MfaType" AS ENUM ('email', 'otp', 'sms');

-- CreateEnum
CREATE TYPE "BannerType" AS ENUM ('info', 'warning', 'error', 'success');

-- CreateEnum
CREATE TYPE "SigningKeyStatus" AS ENUM ('current', 'previous', 'retired');

-- CreateEnum
CREATE TYPE "OneTimeCodePurpose" AS ENUM ('email_verification', 'password_reset', 'change_email', 'passwordless', 'email_mfa', 'sms_mfa');

-- CreateEnum
CREATE TYPE "DeviceAuthorizationStatus" AS ENUM ('pending', 'approved', 'denied');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('user', 'app', 'api_key', 'system');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "emailVerifiedAt" TIMESTAMPTZ(3),
    "passwordHash" TEXT,
    "passwordAlgorithm" "PasswordAlgorithm",
    "passwordChangedAt" TIMESTAMPTZ(3),
    "firstName" VARCHAR(100),
    "lastName" VARCHAR(100),
    "locale" VARCHAR(10) NOT NULL DEFAULT 'en',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "loginCount" INTEGER NOT NULL DEFAULT 0,
    "lastSignInAt" TIMESTAMPTZ(3),
    "authProvider" VARCHAR(100) NOT NULL DEFAULT 'local',
    "providerSubject" TEXT,
    "linkedUserId" UUID,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "activeOrgId" UUID,
    "smsPhoneNumber" VARCHAR(20),
    "smsPhoneNumberVerified" BOOLEAN NOT NULL DEFAULT false,
    "mfaRequired" BOOLEAN NOT NULL DEFAULT false,
    "skipPasskeyEnroll" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "isBuiltIn" BOOLEAN NOT NULL DEFAULT false,
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "adminScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_roles" (
    "userId" UUID NOT NULL,
    "roleId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("userId","roleId")
);

-- CreateTable
CREATE TABLE "apps" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "type" "AppType" NOT NULL,
    "clientId" VARCHAR(64) NOT NULL,
    "secretHash" TEXT,
    "redirectUris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "postLogoutRedirectUris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "skipConsent" BOOLEAN NOT NULL DEFAULT false,
    "rotateRefreshTokens" BOOLEAN NOT NULL DEFAULT true,
    "useSystemMfaConfig" BOOLEAN NOT NULL DEFAULT true,
    "requireEmailMfa" BOOLEAN NOT NULL DEFAULT false,
    "requireOtpMfa" BOOLEAN NOT NULL DEFAULT false,
    "requireSmsMfa" BOOLEAN NOT NULL DEFAULT false,
    "allowEmailMfaAsBackup" BOOLEAN NOT NULL DEFAULT false,
    "isBuiltIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "apps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scopes" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "type" "AppType" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "isBuiltIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scopes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scope_locales" (
    "id" UUID NOT NULL,
    "scopeId" UUID NOT NULL,
    "locale" VARCHAR(10) NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "scope_locales_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_scopes" (
    "appId" UUID NOT NULL,
    "scopeId" UUID NOT NULL,

    CONSTRAINT "app_scopes_pkey" PRIMARY KEY ("appId","scopeId")
);

-- CreateTable
CREATE TABLE "consents" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "scopes" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orgs" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "slug" VARCHAR(50) NOT NULL,
    "companyLogoUrl" VARCHAR(500) NOT NULL DEFAULT '',
    "companyEmailLogoUrl" VARCHAR(500) NOT NULL DEFAULT '',
    "fontFamily" VARCHAR(100) NOT NULL DEFAULT '',
    "fontUrl" VARCHAR(500) NOT NULL DEFAULT '',
    "layoutColor" VARCHAR(50) NOT NULL DEFAULT '',
    "labelColor" VARCHAR(50) NOT NULL DEFAULT '',
    "primaryButtonColor" VARCHAR(50) NOT NULL DEFAULT '',
    "primaryButtonLabelColor" VARCHAR(50) NOT NULL DEFAULT '',
    "primaryButtonBorderColor" VARCHAR(50) NOT NULL DEFAULT '',
    "secondaryButtonColor" VARCHAR(50) NOT NULL DEFAULT '',
    "secondaryButtonLabelColor" VARCHAR(50) NOT NULL DEFAULT '',
    "secondaryButtonBorderColor" VARCHAR(50) NOT NULL DEFAULT '',
    "criticalIndicatorColor" VARCHAR(50) NOT NULL DEFAULT '',
    "emailSenderName" VARCHAR(100) NOT NULL DEFAULT '',
    "termsLink" VARCHAR(500) NOT NULL DEFAULT '',
    "privacyPolicyLink" VARCHAR(500) NOT NULL DEFAULT '',
    "allowPublicRegistration" BOOLEAN NOT NULL DEFAULT true,
    "onlyUseForBrandingOverride" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orgs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_orgs" (
    "userId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_orgs_pkey" PRIMARY KEY ("userId","orgId")
);

-- CreateTable
CREATE TABLE "org_groups" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_org_groups" (
    "userId" UUID NOT NULL,
    "orgGroupId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_org_groups_pkey" PRIMARY KEY ("userId","orgGroupId")
);

-- CreateTable
CREATE TABLE "user_attributes" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "includeInSignUpForm" BOOLEAN NOT NULL DEFAULT false,
    "requiredInSignUpForm" BOOLEAN NOT NULL DEFAULT false,
    "includeInIdTokenBody" BOOLEAN NOT NULL DEFAULT false,
    "includeInUserInfo" BOOLEAN NOT NULL DEFAULT false,
    "unique" BOOLEAN NOT NULL DEFAULT false,
    "validationRegex" TEXT NOT NULL DEFAULT '',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_attributes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_attribute_locales" (
    "id" UUID NOT NULL,
    "userAttributeId" UUID NOT NULL,
    "locale" VARCHAR(10) NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "validationMessage" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "user_attribute_locales_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_attribute_values" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "userAttributeId" UUID NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_attribute_values_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mfa_enrollments" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "type" "MfaType" NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mfa_enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "totp_secrets" (
    "userId" UUID NOT NULL,
    "secretEncrypted" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "lastUsedStep" BIGINT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "totp_secrets_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "passkeys" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "name" VARCHAR(100) NOT NULL DEFAULT '',
    "deviceType" VARCHAR(32) NOT NULL DEFAULT '',
    "backedUp" BOOLEAN NOT NULL DEFAULT false,
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passkeys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "passkey_challenges" (
    "id" UUID NOT NULL,
    "challenge" TEXT NOT NULL,
    "userId" UUID,
    "purpose" VARCHAR(32) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passkey_challenges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "remembered_devices" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "mfaType" "MfaType" NOT NULL,
    "userAgent" VARCHAR(500) NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "remembered_devices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "one_time_codes" (
    "id" UUID NOT NULL,
    "purpose" "OneTimeCodePurpose" NOT NULL,
    "userId" UUID,
    "target" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "authorizationRequestId" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "consumedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "one_time_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authorization_requests" (
    "id" UUID NOT NULL,
    "bindingHash" TEXT NOT NULL,
    "appId" UUID NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "responseMode" VARCHAR(20) NOT NULL DEFAULT 'query',
    "authorizeMethod" VARCHAR(10) NOT NULL DEFAULT 'redirect',
    "scopes" TEXT[],
    "state" TEXT NOT NULL,
    "nonce" TEXT,
    "codeChallenge" TEXT NOT NULL,
    "codeChallengeMethod" VARCHAR(10) NOT NULL,
    "locale" VARCHAR(10) NOT NULL,
    "policy" VARCHAR(100) NOT NULL DEFAULT 'sign_in_or_sign_up',
    "orgSlug" VARCHAR(50) NOT NULL DEFAULT '',
    "prompt" VARCHAR(50) NOT NULL DEFAULT '',
    "maxAge" INTEGER,
    "loginHint" TEXT,
    "userId" UUID,
    "authTime" TIMESTAMPTZ(3),
    "amr" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "completedSteps" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ssoSessionId" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "authorization_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authorization_codes" (
    "id" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "appId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "scopes" TEXT[],
    "nonce" TEXT,
    "codeChallenge" TEXT NOT NULL,
    "codeChallengeMethod" VARCHAR(10) NOT NULL,
    "authTime" TIMESTAMPTZ(3) NOT NULL,
    "amr" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "orgSlug" VARCHAR(50) NOT NULL DEFAULT '',
    "ssoSessionId" UUID,
    "tokenFamilyId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authorization_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "familyId" UUID NOT NULL,
    "parentId" UUID,
    "appId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "scopes" TEXT[],
    "authTime" TIMESTAMPTZ(3) NOT NULL,
    "amr" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "orgSlug" VARCHAR(50) NOT NULL DEFAULT '',
    "impersonatedById" UUID,
    "ssoSessionId" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "rotatedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" VARCHAR(50),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_sessions" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "authTime" TIMESTAMPTZ(3) NOT NULL,
    "amr" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "userAgent" VARCHAR(500) NOT NULL DEFAULT '',
    "ip" VARCHAR(64) NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_authorizations" (
    "id" UUID NOT NULL,
    "deviceCodeHash" TEXT NOT NULL,
    "userCode" VARCHAR(16) NOT NULL,
    "appId" UUID NOT NULL,
    "scopes" TEXT[],
    "status" "DeviceAuthorizationStatus" NOT NULL DEFAULT 'pending',
    "userId" UUID,
    "authTime" TIMESTAMPTZ(3),
    "intervalSec" INTEGER NOT NULL DEFAULT 5,
    "lastPolledAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signing_keys" (
    "kid" VARCHAR(64) NOT NULL,
    "alg" VARCHAR(10) NOT NULL DEFAULT 'RS256',
    "publicJwk" JSONB NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "status" "SigningKeyStatus" NOT NULL,
    "retireAfter" TIMESTAMPTZ(3),
    "rotatedAt" TIMESTAMPTZ(3),
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" UUID,
    "signinUrl" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "banners" (
    "id" UUID NOT NULL,
    "type" "BannerType" NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "banners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "banner_locales" (
    "id" UUID NOT NULL,
    "bannerId" UUID NOT NULL,
    "locale" VARCHAR(10) NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "banner_locales_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_banners" (
    "appId" UUID NOT NULL,
    "bannerId" UUID NOT NULL,

    CONSTRAINT "app_banners_pkey" PRIMARY KEY ("appId","bannerId")
);

-- CreateTable
CREATE TABLE "saml_idps" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "userIdAttribute" TEXT NOT NULL,
    "emailAttribute" TEXT,
    "firstNameAttribute" TEXT,
    "lastNameAttribute" TEXT,
    "metadata" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_idps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_logs" (
    "id" UUID NOT NULL,
    "receiver" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "content" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT '',
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_logs" (
    "id" UUID NOT NULL,
    "receiver" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT '',
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_logs" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "appId" UUID,
    "email" TEXT,
    "method" VARCHAR(50) NOT NULL,
    "success" BOOLEAN NOT NULL,
    "reason" VARCHAR(100) NOT NULL DEFAULT '',
    "ip" VARCHAR(64) NOT NULL DEFAULT '',
    "userAgent" VARCHAR(500) NOT NULL DEFAULT '',
    "detail" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" VARCHAR(100) NOT NULL,
    "targetType" VARCHAR(50) NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" VARCHAR(64) NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secretEncrypted" TEXT NOT NULL,
    "events" TEXT[],
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "webhookId" UUID NOT NULL,
    "event" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "lastResponseStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(32) NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "ipAllowList" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" VARCHAR(300) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" VARCHAR(100) NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "dev_outbox_messages" (
    "id" UUID NOT NULL,
    "channel" VARCHAR(10) NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dev_outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "users_createdAt_idx" ON "users"("createdAt");

-- CreateIndex
CREATE INDEX "users_activeOrgId_idx" ON "users"("activeOrgId");

-- CreateIndex
CREATE INDEX "users_linkedUserId_idx" ON "users"("linkedUserId");

-- CreateIndex
CREATE UNIQUE INDEX "users_authProvider_email_key" ON "users"("authProvider", "email");

-- CreateIndex
CREATE UNIQUE INDEX "users_authProvider_providerSubject_key" ON "users"("authProvider", "providerSubject");

-- CreateIndex
CREATE UNIQUE INDEX "roles_name_key" ON "roles"("name");

-- CreateIndex
CREATE INDEX "user_roles_roleId_idx" ON "user_roles"("roleId");

-- CreateIndex
CREATE UNIQUE INDEX "apps_clientId_key" ON "apps"("clientId");

-- CreateIndex
CREATE INDEX "apps_createdAt_idx" ON "apps"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "scopes_name_key" ON "scopes"("name");

-- CreateIndex
CREATE UNIQUE INDEX "scope_locales_scopeId_locale_key" ON "scope_locales"("scopeId", "locale");

-- CreateIndex
CREATE INDEX "app_scopes_scopeId_idx" ON "app_scopes"("scopeId");

-- CreateIndex
CREATE INDEX "consents_appId_idx" ON "consents"("appId");

-- CreateIndex
CREATE UNIQUE INDEX "consents_userId_appId_key" ON "consents"("userId", "appId");

-- CreateIndex
CREATE UNIQUE INDEX "orgs_name_key" ON "orgs"("name");

-- CreateIndex
CREATE UNIQUE INDEX "orgs_slug_key" ON "orgs"("slug");

-- CreateIndex
CREATE INDEX "user_orgs_orgId_idx" ON "user_orgs"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "org_groups_orgId_name_key" ON "org_groups"("orgId", "name");

-- CreateIndex
CREATE INDEX "user_org_groups_orgGroupId_idx" ON "user_org_groups"("orgGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "user_attributes_name_key" ON "user_attributes"("name");

-- CreateIndex
CREATE UNIQUE INDEX "user_attribute_locales_userAttributeId_locale_key" ON "user_attribute_locales"("userAttributeId", "locale");

-- CreateIndex
CREATE INDEX "user_attribute_values_userAttributeId_value_idx" ON "user_attribute_values"("userAttributeId", "value");

-- CreateIndex
CREATE UNIQUE INDEX "user_attribute_values_userId_userAttributeId_key" ON "user_attribute_values"("userId", "userAttributeId");

-- CreateIndex
CREATE UNIQUE INDEX "mfa_enrollments_userId_type_key" ON "mfa_enrollments"("userId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "passkeys_credentialId_key" ON "passkeys"("credentialId");

-- CreateIndex
CREATE INDEX "passkeys_userId_idx" ON "passkeys"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "passkey_challenges_challenge_key" ON "passkey_challenges"("challenge");

-- CreateIndex
CREATE INDEX "passkey_challenges_expiresAt_idx" ON "passkey_challenges"("expiresAt");

-- CreateIndex
CREATE INDEX "recovery_codes_userId_idx" ON "recovery_codes"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "remembered_devices_tokenHash_key" ON "remembered_devices"("tokenHash");

-- CreateIndex
CREATE INDEX "remembered_devices_userId_idx" ON "remembered_devices"("userId");

-- CreateIndex
CREATE INDEX "one_time_codes_userId_purpose_idx" ON "one_time_codes"("userId", "purpose");

-- CreateIndex
CREATE INDEX "one_time_codes_authorizationRequestId_purpose_idx" ON "one_time_codes"("authorizationRequestId", "purpose");

-- CreateIndex
CREATE INDEX "one_time_codes_expiresAt_idx" ON "one_time_codes"("expiresAt");

-- CreateIndex
CREATE INDEX "authorization_requests_expiresAt_idx" ON "authorization_requests"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "authorization_codes_codeHash_key" ON "authorization_codes"("codeHash");

-- CreateIndex
CREATE INDEX "authorization_codes_expiresAt_idx" ON "authorization_codes"("expiresAt");

-- CreateIndex
CREATE INDEX "authorization_codes_userId_idx" ON "authorization_codes"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_tokenHash_key" ON "refresh_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "refresh_tokens_familyId_idx" ON "refresh_tokens"("familyId");

-- CreateIndex
CREATE INDEX "refresh_tokens_userId_revokedAt_idx" ON "refresh_tokens"("userId", "revokedAt");

-- CreateIndex
CREATE INDEX "refresh_tokens_expiresAt_idx" ON "refresh_tokens"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "sso_sessions_tokenHash_key" ON "sso_sessions"("tokenHash");

-- CreateIndex
CREATE INDEX "sso_sessions_userId_idx" ON "sso_sessions"("userId");

-- CreateIndex
CREATE INDEX "sso_sessions_expiresAt_idx" ON "sso_sessions"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "device_authorizations_deviceCodeHash_key" ON "device_authorizations"("deviceCodeHash");

-- CreateIndex
CREATE UNIQUE INDEX "device_authorizations_userCode_key" ON "device_authorizations"("userCode");

-- CreateIndex
CREATE INDEX "device_authorizations_expiresAt_idx" ON "device_authorizations"("expiresAt");

-- CreateIndex
CREATE INDEX "signing_keys_status_idx" ON "signing_keys"("status");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tokenHash_key" ON "invitations"("tokenHash");

-- CreateIndex
CREATE INDEX "invitations_userId_idx" ON "invitations"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "banner_locales_bannerId_locale_key" ON "banner_locales"("bannerId", "locale");

-- CreateIndex
CREATE INDEX "app_banners_bannerId_idx" ON "app_banners"("bannerId");

-- CreateIndex
CREATE UNIQUE INDEX "saml_idps_name_key" ON "saml_idps"("name");

-- CreateIndex
CREATE INDEX "email_logs_createdAt_idx" ON "email_logs"("createdAt");

-- CreateIndex
CREATE INDEX "sms_logs_createdAt_idx" ON "sms_logs"("createdAt");

-- CreateIndex
CREATE INDEX "sign_in_logs_createdAt_idx" ON "sign_in_logs"("createdAt");

-- CreateIndex
CREATE INDEX "sign_in_logs_userId_createdAt_idx" ON "sign_in_logs"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "sign_in_logs_success_createdAt_idx" ON "sign_in_logs"("success", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_createdAt_idx" ON "audit_events"("createdAt");

-- CreateIndex
CREATE INDEX "audit_events_targetType_targetId_createdAt_idx" ON "audit_events"("targetType", "targetId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_actorId_createdAt_idx" ON "audit_events"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_nextAttemptAt_idx" ON "webhook_deliveries"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_webhookId_createdAt_idx" ON "webhook_deliveries"("webhookId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "rate_limit_counters_expiresAt_idx" ON "rate_limit_counters"("expiresAt");

-- CreateIndex
CREATE INDEX "dev_outbox_messages_createdAt_idx" ON "dev_outbox_messages"("createdAt");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_linkedUserId_fkey" FOREIGN KEY ("linkedUserId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_activeOrgId_fkey" FOREIGN KEY ("activeOrgId") REFERENCES "orgs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_locales" ADD CONSTRAINT "scope_locales_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "scopes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_scopes" ADD CONSTRAINT "app_scopes_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_scopes" ADD CONSTRAINT "app_scopes_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "scopes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_orgs" ADD CONSTRAINT "user_orgs_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_orgs" ADD CONSTRAINT "user_orgs_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_groups" ADD CONSTRAINT "org_groups_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_org_groups" ADD CONSTRAINT "user_org_groups_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_org_groups" ADD CONSTRAINT "user_org_groups_orgGroupId_fkey" FOREIGN KEY ("orgGroupId") REFERENCES "org_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_attribute_locales" ADD CONSTRAINT "user_attribute_locales_userAttributeId_fkey" FOREIGN KEY ("userAttributeId") REFERENCES "user_attributes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_attribute_values" ADD CONSTRAINT "user_attribute_values_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_attribute_values" ADD CONSTRAINT "user_attribute_values_userAttributeId_fkey" FOREIGN KEY ("userAttributeId") REFERENCES "user_attributes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mfa_enrollments" ADD CONSTRAINT "mfa_enrollments_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "totp_secrets" ADD CONSTRAINT "totp_secrets_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passkeys" ADD CONSTRAINT "passkeys_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remembered_devices" ADD CONSTRAINT "remembered_devices_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_authorizationRequestId_fkey" FOREIGN KEY ("authorizationRequestId") REFERENCES "authorization_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authorization_requests" ADD CONSTRAINT "authorization_requests_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authorization_codes" ADD CONSTRAINT "authorization_codes_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authorization_codes" ADD CONSTRAINT "authorization_codes_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_impersonatedById_fkey" FOREIGN KEY ("impersonatedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "refresh_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_sessions" ADD CONSTRAINT "sso_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_authorizations" ADD CONSTRAINT "device_authorizations_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_authorizations" ADD CONSTRAINT "device_authorizations_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "banner_locales" ADD CONSTRAINT "banner_locales_bannerId_fkey" FOREIGN KEY ("bannerId") REFERENCES "banners"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_banners" ADD CONSTRAINT "app_banners_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_banners" ADD CONSTRAINT "app_banners_bannerId_fkey" FOREIGN KEY ("bannerId") REFERENCES "banners"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sign_in_logs" ADD CONSTRAINT "sign_in_logs_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
