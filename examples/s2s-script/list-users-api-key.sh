#!/bin/sh
# One page of users from the S2S API with an API key (needs read_user): no token request.
# The key (tsk_…) was shown once, when it was created.
set -eu
ISSUER="${TESSERA_ISSUER:?set TESSERA_ISSUER}"
API_KEY="${TESSERA_API_KEY:?set TESSERA_API_KEY}"

curl -fsS -H "X-API-Key: $API_KEY" "$ISSUER/api/v1/users?page_size=20&page_number=1"
