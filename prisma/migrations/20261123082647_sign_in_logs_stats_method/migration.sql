-- DropIndex
DROP INDEX "sign_in_logs_createdAt_success_userId_idx";

-- CreateIndex
CREATE INDEX "sign_in_logs_createdAt_success_userId_method_idx" ON "sign_in_logs"("createdAt", "success", "userId", "method");
