/*
  Warnings:

  - Added the required column `messageId` to the `webhook_deliveries` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "eventId" UUID,
ADD COLUMN     "firstAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "isTest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastLatencyMs" INTEGER,
ADD COLUMN     "lastResponseBody" TEXT,
ADD COLUMN     "messageId" VARCHAR(100) NOT NULL,
ADD COLUMN     "position" BIGINT;

-- AlterTable
ALTER TABLE "webhooks" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "name" VARCHAR(100) NOT NULL DEFAULT '',
ADD COLUMN     "previousSecretEncrypted" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint,
    "type" VARCHAR(100) NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "position" BIGINT,
    "publishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery_attempts" (
    "id" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "responseStatus" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "events_position_key" ON "events"("position");

-- CreateIndex
CREATE INDEX "events_position_txid_seq_idx" ON "events"("position", "txid", "seq");

-- CreateIndex
CREATE INDEX "events_createdAt_idx" ON "events"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "events_seq_key" ON "events"("seq");

-- CreateIndex
CREATE INDEX "webhook_delivery_attempts_deliveryId_attempt_idx" ON "webhook_delivery_attempts"("deliveryId", "attempt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_webhookId_status_position_idx" ON "webhook_deliveries"("webhookId", "status", "position");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
