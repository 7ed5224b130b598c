# One image for the gateway and the worker: `npx gardien gateway` / `npx gardien worker`.
FROM node:20-slim
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
EXPOSE 4000
CMD ["npx", "gardien", "gateway"]
