-- OpenID client metadata id_token_signed_response_alg per app: NULL signs ID tokens with
-- SIGNING_ALGORITHM; RS256, ES256 or EdDSA otherwise.
ALTER TABLE "apps" ADD COLUMN "idTokenSignedResponseAlg" VARCHAR(10);
