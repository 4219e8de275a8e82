using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>
/// The offer catalogue (platform level, no tenant_id) and its seed: the GCC family named by issue 14 (Office 365
/// G1/G3/G5 GCC, Microsoft 365 G3/G5/F3 GCC, Dynamics 365 Sales Enterprise GCC, EMS E3/E5 GCC, Power BI Pro GCC)
/// and their commercial counterparts, US, in USD. Every offer is sold P1M monthly, P1Y monthly or annual, and P3Y
/// annual or triennial; a price is one licence for one billing period (a P1M term costs a fifth more per month,
/// as in new commerce). Office 365 ProPlus is in the catalogue retired: it is shown, never sold.
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20261220000000_CreateCatalogue")]
internal sealed class CreateCatalogue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE TABLE ordering.offers (
                id varchar(40) PRIMARY KEY,
                name varchar(200) NOT NULL,
                product_family varchar(40) NOT NULL CHECK (product_family IN ('Office365', 'Microsoft365', 'Dynamics365', 'EMS', 'PowerBI')),
                segment varchar(20) NOT NULL CHECK (segment IN ('Commercial', 'Government')),
                country varchar(2) NOT NULL,
                minimum_quantity integer NOT NULL CHECK (minimum_quantity >= 1),
                maximum_quantity integer NOT NULL,
                retired boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL,
                CHECK (maximum_quantity >= minimum_quantity)
            );
            CREATE INDEX ix_offers_country_id ON ordering.offers (country, id);

            CREATE TABLE ordering.offer_prices (
                offer_id varchar(40) NOT NULL REFERENCES ordering.offers (id),
                term_duration varchar(3) NOT NULL CHECK (term_duration IN ('P1M', 'P1Y', 'P3Y')),
                billing_cycle varchar(20) NOT NULL CHECK (billing_cycle IN ('Monthly', 'Annual', 'Triennial')),
                list_price numeric(12, 2) NOT NULL CHECK (list_price >= 0),
                currency_code varchar(3) NOT NULL,
                PRIMARY KEY (offer_id, term_duration, billing_cycle)
            );

            -- The catalogue is read by every tenant and written by no application code.
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ordering.offers, ordering.offer_prices FROM {DatabaseRoles.Application};

            INSERT INTO ordering.offers (id, name, product_family, segment, country, minimum_quantity, maximum_quantity, retired, created_at)
            VALUES
                ('O365-G1-GCC', 'Office 365 G1 GCC', 'Office365', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('O365-G3-GCC', 'Office 365 G3 GCC', 'Office365', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('O365-G5-GCC', 'Office 365 G5 GCC', 'Office365', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('M365-G3-GCC', 'Microsoft 365 G3 GCC', 'Microsoft365', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('M365-G5-GCC', 'Microsoft 365 G5 GCC', 'Microsoft365', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('M365-F3-GCC', 'Microsoft 365 F3 GCC', 'Microsoft365', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('D365-SALES-ENT-GCC', 'Dynamics 365 Sales Enterprise GCC', 'Dynamics365', 'Government', 'US', 1, 5000, false, '2026-12-20T00:00:00Z'),
                ('EMS-E3-GCC', 'Enterprise Mobility + Security E3 GCC', 'EMS', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('EMS-E5-GCC', 'Enterprise Mobility + Security E5 GCC', 'EMS', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('PBI-PRO-GCC', 'Power BI Pro GCC', 'PowerBI', 'Government', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('O365-E1', 'Office 365 E1', 'Office365', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('O365-E3', 'Office 365 E3', 'Office365', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('O365-E5', 'Office 365 E5', 'Office365', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('O365-PROPLUS', 'Office 365 ProPlus', 'Office365', 'Commercial', 'US', 1, 10000, true, '2026-12-20T00:00:00Z'),
                ('M365-E3', 'Microsoft 365 E3', 'Microsoft365', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('M365-E5', 'Microsoft 365 E5', 'Microsoft365', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('M365-F3', 'Microsoft 365 F3', 'Microsoft365', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('D365-SALES-ENT', 'Dynamics 365 Sales Enterprise', 'Dynamics365', 'Commercial', 'US', 1, 5000, false, '2026-12-20T00:00:00Z'),
                ('EMS-E3', 'Enterprise Mobility + Security E3', 'EMS', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('EMS-E5', 'Enterprise Mobility + Security E5', 'EMS', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z'),
                ('PBI-PRO', 'Power BI Pro', 'PowerBI', 'Commercial', 'US', 1, 10000, false, '2026-12-20T00:00:00Z');

            -- Monthly list price of one licence on a one-year term; the other prices follow from it.
            INSERT INTO ordering.offer_prices (offer_id, term_duration, billing_cycle, list_price, currency_code)
            SELECT o.id, t.term_duration, t.billing_cycle, round(m.monthly * t.factor, 2), 'USD'
            FROM (VALUES
                    ('O365-G1-GCC', 8.00), ('O365-G3-GCC', 23.00), ('O365-G5-GCC', 38.00),
                    ('M365-G3-GCC', 36.00), ('M365-G5-GCC', 57.00), ('M365-F3-GCC', 8.00),
                    ('D365-SALES-ENT-GCC', 95.00), ('EMS-E3-GCC', 10.60), ('EMS-E5-GCC', 16.40), ('PBI-PRO-GCC', 10.00),
                    ('O365-E1', 10.00), ('O365-E3', 23.00), ('O365-E5', 38.00), ('O365-PROPLUS', 12.00),
                    ('M365-E3', 36.00), ('M365-E5', 57.00), ('M365-F3', 8.00),
                    ('D365-SALES-ENT', 105.00), ('EMS-E3', 10.60), ('EMS-E5', 16.40), ('PBI-PRO', 14.00)
                 ) AS m (offer_id, monthly)
            JOIN ordering.offers o ON o.id = m.offer_id
            CROSS JOIN (VALUES
                    ('P1M', 'Monthly', 1.2), ('P1Y', 'Monthly', 1.0), ('P1Y', 'Annual', 12.0),
                    ('P3Y', 'Annual', 12.0), ('P3Y', 'Triennial', 36.0)
                 ) AS t (term_duration, billing_cycle, factor);
            """);
    }
}
