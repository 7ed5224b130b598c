# One image for the gateway and the worker: `npx gardien gateway` / `npx gardien worker`.
FROM node:20-slim
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci refuses a lock that lacks other platforms' optional packages (a lock made against a
# registry mirror missing some); npm install --no-save then installs from the lock as it is.
RUN (npm ci --omit=dev || npm install --omit=dev --no-save) && npm cache clean --force
COPY . .
# GARDIEN_HOME (exports, reports): a named volume mounted here inherits this owner.
RUN mkdir -p /app/.gardien && chown node:node /app/.gardien
USER node
EXPOSE 4000
CMD ["npx", "gardien", "gateway"]
