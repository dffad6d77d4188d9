# acb's own test Dockerfile (scan/dependencies_test.go), with the ARGs that FROM uses moved before the first FROM:
# Docker only lets FROM see global ARGs, so acb's original (ARGs inside a stage) does not build with Docker.
ARG runtime_version="2.0.6"
ARG build_image
ARG build_version=2.0
FROM microsoft/aspnetcore:${runtime_version} AS base
WORKDIR /app
EXPOSE 80

FROM base AS secondary
RUN nothing

FROM microsoft/$build_image:$build_version AS builder
WORKDIR /src
COPY *.sln ./
RUN dotnet build -c Release -o /app

FROM builder AS publish
RUN dotnet publish -c Release -o /app

FROM imaginary/cert-generator:1.0
RUN generate-cert.sh

FROM secondary AS production
WORKDIR /app
COPY --from=publish /app .
COPY --from=3 /cert /app
ENTRYPOINT ["dotnet", "Web.dll"]
