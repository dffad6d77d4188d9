FROM golang:1.22 AS build
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,from=busybox:1.36,source=/bin/busybox,target=/bb \
    --mount=type=secret,id=token \
    go build -o /app .

FROM gcr.io/distroless/static:nonroot
COPY --from=nginx:1.25 /etc/nginx/mime.types /etc/mime.types
COPY --from=build /app /app
COPY --from=0 /etc/ssl/certs /etc/ssl/certs
COPY --chown=65532 --from=docker.io/library/golang:1.22 /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip
