-- Issue 12 item 11: the device flow is off by default per app; apps opt in.
ALTER TABLE "apps" ADD COLUMN "allowDeviceFlow" BOOLEAN NOT NULL DEFAULT false;
