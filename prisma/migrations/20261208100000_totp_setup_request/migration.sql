-- AlterTable
ALTER TABLE "totp_secrets" ADD COLUMN     "setupRequestId" UUID;
