# syntax=docker/dockerfile:1
# The Cubit Core mock as a container image:
#   docker build -t cubit-core-mock .
#   docker run --rm -p 4010:4010 -v cubit-mock-data:/data cubit-core-mock
# It listens on 0.0.0.0:4010 and keeps its data in the volume at /data (/data/cubit-mock.json and, beside it, its
# journal and lock). Options go after the image name (`... cubit-core-mock --watch --spec /specs/cubit-core.yaml`);
# keys and settings come from the same environment variables as outside a container (README, "Running it").
# test/dockerfile.test.ts checks this file's structure, and that its HEALTHCHECK command works.

ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, the sources, and dist/ built from them. Install scripts stay off: esbuild runs without its
# own, and `prepare` would build before the sources are here.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# What the mock needs at run time: the dependencies, without the development ones.
FROM ${NODE_IMAGE} AS runtime-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    CUBIT_MOCK_DATA=/data/cubit-mock.json
WORKDIR /app
COPY --from=runtime-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY openapi ./openapi
COPY data/fixtures ./data/fixtures
# The data volume, and the cache of validated specs (node_modules/.cache), belong to the user the mock runs as.
RUN mkdir -p /data node_modules/.cache/cubit-core-mock \
    && chown node:node /data node_modules/.cache/cubit-core-mock
# The node image's own unprivileged user (uid 1000).
USER node
VOLUME ["/data"]
EXPOSE 4010
# No curl in a slim image: node's fetch asks the mock's health route.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 4010}/__health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm: SIGTERM reaches the mock, which closes gracefully (pending writes on disk, lock released).
ENTRYPOINT ["node", "--max-old-space-size=1024", "--max-semi-space-size=32", "dist/server.js"]
