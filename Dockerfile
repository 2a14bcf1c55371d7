# Tessera Auth container image: multi-stage, Next.js standalone output, non-root, with a HEALTHCHECK.
# Not built on the project's machines (no container daemon there); it runs the commands the tested
# paths run: npm install + prisma generate, next build with NEXT_OUTPUT=standalone, then
# `node server.js` with .next/static and public/ copied beside it. The deploy step
# (`npm run release`: checks, migrations, seed) runs from the `release` stage (compose.yaml's
# one-shot `release` service) before the app starts.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/schema-engine-unavailable.sh ./scripts/
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
RUN NEXT_OUTPUT=standalone npm run build \
 && cp -r .next/static .next/standalone/.next/static \
 && cp -r public .next/standalone/public

# One-shot deploy step: the full tree (CLI, migrations, WASM schema engine), run as non-root.
FROM deps AS release
COPY --from=build /app /app
USER node
CMD ["npm", "run", "release"]

FROM node:20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 ENVIRONMENT=prod
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
