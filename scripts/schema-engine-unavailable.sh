#!/bin/sh
# Stands in for Prisma's native schema-engine binary, which cannot be downloaded on machines
# that only reach the npm registry. `prisma generate` only needs the path to exist; anything
# that would really run the engine fails loudly instead of pretending to succeed.
echo "Prisma's native schema engine is not installed: use 'npm run db:migrate' (Prisma's WASM engine)." >&2
exit 1
