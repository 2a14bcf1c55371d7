-- Embedded Auth API sessions are authorization requests driven by their session id: which surface
-- drives a request, and the lookup of a session by the hash of its id.
ALTER TABLE "authorization_requests" ADD COLUMN "surface" VARCHAR(10) NOT NULL DEFAULT 'hosted';

CREATE INDEX "authorization_requests_bindingHash_idx" ON "authorization_requests"("bindingHash");
