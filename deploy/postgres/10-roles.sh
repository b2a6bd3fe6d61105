#!/bin/sh
# Runs once, when the database volume is first created (docker-entrypoint-initdb.d).
# Two roles besides the image's administrator (POSTGRES_USER):
#   childtrace_owner  owns the schema and every table; `migrate` connects as it;
#   childtrace_app    the web server and the workers; after each migrate the owner grants
#                     it reading and writing records, and only reading and adding rows
#                     on append-only tables: history and the records written once
#                     (DATABASE_APP_ROLE; apps.core.append_only; docs/audit.md).
# It owns nothing, so it can neither drop the append-only triggers nor change those rows.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v dbname="$POSTGRES_DB" \
    -v owner_password="${CHILDTRACE_OWNER_PASSWORD:?set CHILDTRACE_OWNER_PASSWORD}" \
    -v app_password="${CHILDTRACE_APP_PASSWORD:?set CHILDTRACE_APP_PASSWORD}" <<'SQL'
CREATE ROLE childtrace_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE childtrace_app LOGIN PASSWORD :'app_password';
ALTER DATABASE :"dbname" OWNER TO childtrace_owner;
ALTER SCHEMA public OWNER TO childtrace_owner;
REVOKE ALL ON DATABASE :"dbname" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"dbname" TO childtrace_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO childtrace_app;
SQL
