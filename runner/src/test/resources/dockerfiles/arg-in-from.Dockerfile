# Azure/acr-builder#83: ARG in FROM
ARG REGISTRY=mcr.microsoft.com
ARG SDK_TAG=8.0
ARG RUNTIME_TAG=${SDK_TAG}-alpine
FROM ${REGISTRY}/dotnet/sdk:${SDK_TAG} AS build
WORKDIR /src
RUN dotnet publish -o /out

FROM $REGISTRY/dotnet/aspnet:$RUNTIME_TAG
COPY --from=build /out /app
