ARG REG=localhost:5000
FROM ${REG}/tools/builder:1 AS build
FROM localhost:5000/base
COPY --from=localhost:5000/assets:2 /assets /assets
COPY --from=build /out /out
