# syntax=docker/dockerfile:1

# ---- build: compile TypeScript to dist/ --------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app

# Dependencies first, so this layer is cached until the lockfile changes.
# npm ci honours the `overrides` field of package.json.
COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig*.json ./
COPY scripts/write-dist-manifest.mjs scripts/build-explorer.mjs ./scripts/
COPY src ./src
COPY explorer ./explorer
COPY drizzle ./drizzle
RUN npm run build

# ---- runtime: production dependencies + compiled output ----------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# dist/ (with the explorer's bundle) and drizzle/ (the migrations read at start from <package root>/drizzle).
COPY --from=build /app/dist ./dist
COPY --from=build /app/drizzle ./drizzle

# Without DATABASE_URL the server falls back to the embedded database in
# DATA_DIR (default ./.data); give the non-root user somewhere to write it.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node

ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000

# Liveness only (/readyz would turn the container unhealthy whenever the database is down).
# No curl in slim images: use Node's built-in fetch. Follows PORT and SERVICE_PREFIX if overridden.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+(process.env.SERVICE_PREFIX||'')+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Exec form: node receives SIGTERM directly and shuts down gracefully.
# Run with `docker run --init` (or compose `init: true`) so signals are forwarded
# even before the server has installed its handlers.
CMD ["node", "--max-semi-space-size=64", "dist/main.js"]
