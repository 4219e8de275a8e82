namespace GccSaaS.BuildingBlocks.Web.Migrations;

/// <summary>
/// The one shape of an <c>MS-RequestId</c> record table (R-PC-10): the tenant one (keyed by tenant, under row-level
/// security) and the platform one (keyed by the platform key's owner) differ only in their name and owner column.
/// </summary>
internal static class IdempotencyTableSql
{
    public static string Create(string table, string ownerColumn) => $"""
        CREATE TABLE idempotency.{table} (
            {ownerColumn} uuid NOT NULL,
            request_id uuid NOT NULL,
            request_hash bytea NOT NULL,
            method varchar(16) NOT NULL,
            path varchar(2048) NOT NULL,
            state varchar(16) NOT NULL,
            lock_id uuid NULL,
            locked_until timestamptz NULL,
            created_at timestamptz NOT NULL,
            completed_at timestamptz NULL,
            expires_at timestamptz NOT NULL,
            response_status integer NULL,
            response_content_type varchar(256) NULL,
            response_location varchar(2048) NULL,
            response_body bytea NULL,
            correlation_id varchar(128) NULL,
            CONSTRAINT pk_{table} PRIMARY KEY ({ownerColumn}, request_id),
            CONSTRAINT ck_{table}_state CHECK (state IN ('InProgress', 'Completed')),
            CONSTRAINT ck_{table}_claim CHECK (state <> 'InProgress' OR (lock_id IS NOT NULL AND locked_until IS NOT NULL)),
            CONSTRAINT ck_{table}_answer CHECK (state <> 'Completed' OR response_status IS NOT NULL)
        );
        CREATE INDEX ix_{table}_{ownerColumn}_expires_at ON idempotency.{table} ({ownerColumn}, expires_at);
        """;
}
