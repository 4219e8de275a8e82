-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d),
-- as the superuser. Creates the same roles as build/pg.sh:
--   gccsaas_owner  owns the schemas, runs migrations; CREATEDB for test databases
--   gccsaas_app    the application: owns nothing, cannot bypass row-level security
-- Passwords come from the container's environment (psql 15's \getenv), never from this file.
\set ON_ERROR_STOP on
\getenv owner_pw GCCSAAS_OWNER_PASSWORD
\getenv app_pw GCCSAAS_APP_PASSWORD

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gccsaas_owner') THEN
    CREATE ROLE gccsaas_owner;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gccsaas_app') THEN
    CREATE ROLE gccsaas_app;
  END IF;
END
$$;
ALTER ROLE gccsaas_owner WITH LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'owner_pw';
ALTER ROLE gccsaas_app WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_pw';

SELECT 'CREATE DATABASE gccsaas OWNER gccsaas_owner'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'gccsaas') \gexec

\connect gccsaas
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
