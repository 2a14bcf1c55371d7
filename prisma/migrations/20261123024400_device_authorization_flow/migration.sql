-- AlterTable
ALTER TABLE "authorization_requests" ADD COLUMN     "deviceAuthorizationId" UUID;

-- AlterTable
ALTER TABLE "device_authorizations" ADD COLUMN     "amr" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "usedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "authorization_requests_deviceAuthorizationId_idx" ON "authorization_requests"("deviceAuthorizationId");

-- AddForeignKey
ALTER TABLE "authorization_requests" ADD CONSTRAINT "authorization_requests_deviceAuthorizationId_fkey" FOREIGN KEY ("deviceAuthorizationId") REFERENCES "device_authorizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
