# syntax=docker/dockerfile:1
# Builds and runs the GccSaaS host. Configuration comes from the environment
# (ConnectionStrings__Default, ConnectionStrings__Migrations, ...); see docker-compose.yml.

# --- project files only, so `dotnet restore` stays cached until a project file changes ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY . .
RUN find . -type f ! \( -name '*.sln' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \
      -o -name 'global.json' -o -iname 'nuget.config' \) -delete \
 && find . -type d -empty -delete

# --- build -------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY --from=projects /src/ ./
RUN dotnet restore GccSaaS.sln
COPY . .
RUN dotnet publish src/Host/GccSaaS.Host -c Release -o /app --no-restore -p:UseAppHost=false

# --- runtime -------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Non-root: the .NET images define the `app` user and its id in APP_UID.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "GccSaaS.Host.dll"]
