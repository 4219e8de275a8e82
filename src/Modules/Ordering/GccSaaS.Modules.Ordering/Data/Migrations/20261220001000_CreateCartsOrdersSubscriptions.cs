using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>
/// Carts, orders and subscriptions (tenant-owned, row-level security). One order per cart is a unique index, so
/// racing checkouts of one cart never make two orders (R-PC-8); orders and their line items are append-only for
/// the application.
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20261220001000_CreateCartsOrdersSubscriptions")]
internal sealed class CreateCartsOrdersSubscriptions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE ordering.carts (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                status varchar(20) NOT NULL CHECK (status IN ('Active', 'Ordered', 'Abandoned')),
                partner_on_record_attestation_accepted boolean NOT NULL,
                reseller_partner_id varchar(20) NULL,
                created_at timestamptz NOT NULL,
                last_modified_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                last_modified_by varchar(300) NOT NULL,
                order_id uuid NULL,
                PRIMARY KEY (tenant_id, id),
                CHECK ((status = 'Ordered') = (order_id IS NOT NULL))
            );
            CREATE INDEX ix_carts_tenant_id_customer_id ON ordering.carts (tenant_id, customer_id);
            -- The sweep of expired carts reads active carts by expiry.
            CREATE INDEX ix_carts_tenant_id_expires_at ON ordering.carts (tenant_id, expires_at) WHERE status = 'Active';

            CREATE TABLE ordering.cart_line_items (
                tenant_id uuid NOT NULL,
                cart_id uuid NOT NULL,
                id integer NOT NULL,
                offer_id varchar(40) NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                term_duration varchar(3) NOT NULL,
                billing_cycle varchar(20) NOT NULL,
                PRIMARY KEY (tenant_id, cart_id, id),
                FOREIGN KEY (tenant_id, cart_id) REFERENCES ordering.carts (tenant_id, id) ON DELETE CASCADE
            );

            CREATE TABLE ordering.orders (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                cart_id uuid NOT NULL,
                request_id uuid NOT NULL,
                status varchar(20) NOT NULL,
                currency_code varchar(3) NOT NULL,
                reseller_organisation_id uuid NULL,
                reseller_partner_id varchar(20) NULL,
                created_at timestamptz NOT NULL,
                created_by varchar(300) NOT NULL,
                PRIMARY KEY (tenant_id, id),
                CHECK ((reseller_organisation_id IS NULL) = (reseller_partner_id IS NULL))
            );
            -- R-PC-8: one order per cart, whatever the request ids of racing checkouts.
            CREATE UNIQUE INDEX ix_orders_tenant_id_cart_id ON ordering.orders (tenant_id, cart_id);
            CREATE INDEX ix_orders_tenant_id_customer_id_id ON ordering.orders (tenant_id, customer_id, id);

            CREATE TABLE ordering.order_line_items (
                tenant_id uuid NOT NULL,
                order_id uuid NOT NULL,
                line_item_number integer NOT NULL,
                offer_id varchar(40) NOT NULL,
                offer_name varchar(200) NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                term_duration varchar(3) NOT NULL,
                billing_cycle varchar(20) NOT NULL,
                list_price numeric(12, 2) NOT NULL,
                subscription_id uuid NOT NULL,
                PRIMARY KEY (tenant_id, order_id, line_item_number),
                FOREIGN KEY (tenant_id, order_id) REFERENCES ordering.orders (tenant_id, id)
            );

            CREATE TABLE ordering.subscriptions (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                order_id uuid NOT NULL,
                offer_id varchar(40) NOT NULL,
                offer_name varchar(200) NOT NULL,
                product_family varchar(40) NOT NULL,
                segment varchar(20) NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                term_duration varchar(3) NOT NULL,
                billing_cycle varchar(20) NOT NULL,
                status varchar(20) NOT NULL,
                auto_renew_enabled boolean NOT NULL,
                reseller_organisation_id uuid NULL,
                reseller_partner_id varchar(20) NULL,
                support_contact_kind varchar(20) NOT NULL CHECK (support_contact_kind IN ('Provider', 'Reseller')),
                support_contact_organisation_id uuid NULL,
                created_at timestamptz NOT NULL,
                commitment_ends_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, order_id) REFERENCES ordering.orders (tenant_id, id),
                CHECK ((support_contact_kind = 'Provider') = (support_contact_organisation_id IS NULL))
            );
            CREATE INDEX ix_subscriptions_tenant_id_customer_id_id ON ordering.subscriptions (tenant_id, customer_id, id);
            """);
        foreach (var table in new[] { "carts", "cart_line_items", "orders", "order_line_items", "subscriptions" })
        {
            migrationBuilder.EnableTenantRowLevelSecurity(table, OrderingDbContext.SchemaName);
        }

        migrationBuilder.MakeAppendOnly("orders", OrderingDbContext.SchemaName);
        migrationBuilder.MakeAppendOnly("order_line_items", OrderingDbContext.SchemaName);
    }
}
