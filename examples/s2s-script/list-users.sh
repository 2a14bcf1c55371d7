#!/bin/sh
# Generated from lib/integration/snippets.ts (snippet "curl") by `npm run examples:sync`:
# the dashboard's Integrate tab shows this same code with an app's own values. Edit the snippet, not this file.
# Client credentials with curl, then one page of users from the S2S API (needs read_user).
# The client secret was shown once, when the app was created (or its secret regenerated).
set -eu
ISSUER="${TESSERA_ISSUER:?set TESSERA_ISSUER}"
CLIENT_ID="${TESSERA_CLIENT_ID:?set TESSERA_CLIENT_ID}"
CLIENT_SECRET="${TESSERA_CLIENT_SECRET:?set TESSERA_CLIENT_SECRET}"

TOKEN=$(curl -fsS -u "$CLIENT_ID:$CLIENT_SECRET" \
  -d grant_type=client_credentials --data-urlencode scope="${TESSERA_SCOPE:-read_user}" \
  "$ISSUER/oauth2/v1/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

curl -fsS -H "Authorization: Bearer $TOKEN" "$ISSUER/api/v1/users?page_size=20&page_number=1"
