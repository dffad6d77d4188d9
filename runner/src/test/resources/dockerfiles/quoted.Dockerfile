# Azure/acr-builder#178 (quoted ARG) and #529 (quoted FROM)
ARG NODE_VERSION="18.19"
ARG DISTRO='alpine3.19'
ARG GREETING="hello world"
FROM "node:${NODE_VERSION}-${DISTRO}" AS build
RUN npm ci
FROM 'nginx:1.25'
COPY --from="build" /app/dist /usr/share/nginx/html
