# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
RUN dir C:\
FROM mcr.microsoft.com/dotnet/framework/runtime:4.8
RUN powershell -Command `
    Write-Host done
COPY --from=build C:\app C:\app
