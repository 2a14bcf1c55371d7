-- API keys record the client IP of their last use beside its time.
ALTER TABLE "api_keys" ADD COLUMN "lastUsedIp" VARCHAR(64);
