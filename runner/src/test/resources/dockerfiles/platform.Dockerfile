FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .

FROM --platform=${TARGETPLATFORM} registry.example.com/base-${TARGETARCH}:1
COPY --from=build /app /app
