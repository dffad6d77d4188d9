FROM golang:1.22 AS build
RUN go build -o /app .

FROM build AS test
RUN go test ./...

FROM alpine:3.19 AS final
COPY --from=build /app /app

FROM final AS debug
RUN apk add --no-cache delve
