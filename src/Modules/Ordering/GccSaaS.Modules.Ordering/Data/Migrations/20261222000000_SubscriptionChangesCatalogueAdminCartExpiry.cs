using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>
/// Issue 14, after purchase:
/// <list type="bullet">
/// <item>subscriptions get a version (the ETag of optimistic concurrency), the last renewal (the cancellation window runs
/// 7 days from it, or from the purchase), the cancellation time and who changed them last; a status is Active or
/// Deleted (cancelled); reseller users' lists read them by reseller;</item>
/// <item>carts may be Expired: the cart-expiry job marks those past their 7 days;</item>
/// <item>the platform admin adds offers and retires them: the application may insert offers and prices and set
/// <c>retired</c>, nothing else (no other column changes, no row is deleted, a retired offer is never un-retired),
/// so what was sold stays what it was.</item>
/// </list>
/// No new table: every tenant table touched keeps its tenant_id and row-level security.
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20261222000000_SubscriptionChangesCatalogueAdminCartExpiry")]
internal sealed class SubscriptionChangesCatalogueAdminCartExpiry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            ALTER TABLE ordering.subscriptions
                ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
                ADD COLUMN renewed_at timestamptz NULL,
                ADD COLUMN cancelled_at timestamptz NULL,
                ADD COLUMN last_modified_at timestamptz NULL,
                ADD COLUMN last_modified_by varchar(300) NULL,
                ADD CONSTRAINT ck_subscriptions_status CHECK (status IN ('Active', 'Deleted')),
                ADD CONSTRAINT ck_subscriptions_cancelled CHECK ((status = 'Deleted') = (cancelled_at IS NOT NULL));
            -- The provider-wide list filtered by reseller, and a reseller's own view.
            CREATE INDEX ix_subscriptions_tenant_id_reseller_organisation_id_id ON ordering.subscriptions (tenant_id, reseller_organisation_id, id);

            ALTER TABLE ordering.carts DROP CONSTRAINT IF EXISTS carts_status_check;
            ALTER TABLE ordering.carts ADD CONSTRAINT ck_carts_status CHECK (status IN ('Active', 'Ordered', 'Abandoned', 'Expired'));

            GRANT INSERT ON ordering.offers, ordering.offer_prices TO {DatabaseRoles.Application};
            GRANT UPDATE (retired) ON ordering.offers TO {DatabaseRoles.Application};

            CREATE FUNCTION ordering.offers_stay_retired() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.retired AND NOT NEW.retired THEN
                    RAISE EXCEPTION 'offer % is retired and stays retired', OLD.id USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER offers_stay_retired BEFORE UPDATE ON ordering.offers
                FOR EACH ROW EXECUTE FUNCTION ordering.offers_stay_retired();
            """);
    }
}
