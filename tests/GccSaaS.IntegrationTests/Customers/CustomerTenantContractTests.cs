using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// The seams other modules use: the customer administrator's sign-in for accepting a
/// reseller relationship request (R-REL-4, R-CUS-2), counts per reseller for the Indirect resellers page, and
/// the demo's direct customer Relecloud Government.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class CustomerTenantContractTests(CustomersFixture fixture)
{
    private const string RelecloudAdmin = "admin@relecloudgov.onmicrosoft.com";
    private const string DemoPassword = "GccSaaS-Demo-2026!";

    [Fact]
    public async Task The_demo_seeds_Relecloud_Government_as_a_direct_customer_of_the_vendor_with_two_direct_subscriptions()
    {
        var tenant = await fixture.QueryAsync(db => db.CustomerTenants.SingleAsync(t => t.Id == CustomersFixture.RelecloudTenantId));

        Assert.Equal("Relecloud Government", tenant.CompanyName);
        Assert.Equal("relecloudgov.onmicrosoft.com", tenant.Domain);
        Assert.False(await fixture.QueryAsync(db => db.Qualifications.AnyAsync(q => q.CustomerTenantId == CustomersFixture.RelecloudTenantId)));
        Assert.Equal(2, await fixture.QueryAsync(db => db.DirectSubscriptions.CountAsync(s => s.CustomerTenantId == CustomersFixture.RelecloudTenantId)));
        Assert.Null(await fixture.QueryAsync(db => db.CustomerTenants.Where(t => t.Id == CustomersFixture.RelecloudTenantId).Select(t => t.CreatedByTenantId).SingleAsync()));
    }

    [Fact]
    public async Task R_REL_4_the_customer_administrator_authenticates_with_user_name_and_password_case_insensitively_by_user_name()
    {
        var tenant = await fixture.SendAsync(new AuthenticateCustomerAdministratorQuery(" Admin@RelecloudGov.onmicrosoft.com ", DemoPassword));

        Assert.NotNull(tenant);
        Assert.Equal(CustomersFixture.RelecloudTenantId, tenant.CustomerTenantId);
    }

    [Fact]
    public async Task R_REL_4_a_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        Assert.Null(await fixture.SendAsync(new AuthenticateCustomerAdministratorQuery(RelecloudAdmin, DemoPassword + "x")));
        Assert.Null(await fixture.SendAsync(new AuthenticateCustomerAdministratorQuery("nobody@relecloudgov.onmicrosoft.com", DemoPassword)));
        Assert.Null(await fixture.SendAsync(new AuthenticateCustomerAdministratorQuery(RelecloudAdmin, string.Empty)));
        Assert.Null(await fixture.SendAsync(new AuthenticateCustomerAdministratorQuery(string.Empty, DemoPassword)));
    }

    [Fact]
    public async Task R_CUS_2_the_administrator_password_is_stored_only_as_a_hash()
    {
        // Read as the owner: the application role may not read a hash with a plain query (ADR 0021).
        var stored = await fixture.OwnerScalarAsync<string>(null,
            "SELECT password_hash FROM customers.customer_tenant_admins WHERE user_name = @u", ("u", RelecloudAdmin));

        Assert.DoesNotContain(DemoPassword, stored, StringComparison.Ordinal);
        Assert.True(stored.Length > 40);
        Assert.Equal(0L, await fixture.OwnerScalarAsync<long>(null,
            "SELECT count(*) FROM customers.customer_tenant_admins WHERE password_hash LIKE '%' || @p || '%'", ("p", DemoPassword)));
    }

    [Fact]
    public async Task R_REL_4_R_REL_6_an_accepted_relationship_puts_the_customer_on_the_providers_list_with_its_reseller_and_leaves_its_direct_subscriptions_untouched()
    {
        var tenant = await fixture.Services.CreateTenantAsync("cr");
        var before = await DirectSubscriptionsAsync(CustomersFixture.RelecloudTenantId);

        await fixture.DeliverAsync(tenant, new CustomerRelationshipAcceptedNotification(
            tenant.Id, Guid.NewGuid(), CustomersFixture.RelecloudTenantId, CustomersFixture.AdatumId, RelecloudAdmin, fixture.Clock.GetUtcNow()));

        var customer = await fixture.QueryAsync(db => db.Customers.SingleAsync(c => c.CustomerTenantId == CustomersFixture.RelecloudTenantId), tenant);
        Assert.Equal("Relecloud Government", customer.CompanyName);
        Assert.Equal(CustomersFixture.AdatumId, customer.ResellerOrganisationId);
        Assert.Equal("Relationship", customer.Origin);
        var grants = await fixture.QueryAsync(db => db.DelegatedAdminGrants.Where(g => g.CustomerTenantId == CustomersFixture.RelecloudTenantId)
            .OrderBy(g => g.GranteeKind).Select(g => new { g.GranteeKind, g.GranteeOrganisationId }).ToListAsync(), tenant);
        Assert.Equal([new { GranteeKind = "Provider", GranteeOrganisationId = (Guid?)null }, new { GranteeKind = "Reseller", GranteeOrganisationId = (Guid?)CustomersFixture.AdatumId }], grants);
        Assert.Equal(before, await DirectSubscriptionsAsync(CustomersFixture.RelecloudTenantId));
    }

    [Fact]
    public async Task R_REL_4_an_accepted_relationship_delivered_twice_adds_the_customer_once()
    {
        var tenant = await fixture.Services.CreateTenantAsync("cr");
        var accepted = new CustomerRelationshipAcceptedNotification(
            tenant.Id, Guid.NewGuid(), CustomersFixture.RelecloudTenantId, null, RelecloudAdmin, fixture.Clock.GetUtcNow());

        await fixture.DeliverAsync(tenant, accepted);
        await fixture.DeliverAsync(tenant, accepted with { InvitationId = Guid.NewGuid() });

        Assert.Equal(1, await fixture.QueryAsync(db => db.Customers.CountAsync(), tenant));
        Assert.Equal(1, await fixture.QueryAsync(db => db.DelegatedAdminGrants.CountAsync(), tenant));
    }

    [Fact]
    public async Task R_REL_3_a_removed_partnership_leaves_the_resellers_customers_and_delegated_admin_grants_unchanged()
    {
        // R-REL-3: Customers has no handler for PartnershipRemovedNotification on purpose: removing a partnership
        // removes no customer association and changes no delegated admin grant. Delivering it must change nothing.
        var tenant = await fixture.Services.CreateTenantAsync("cr");
        await fixture.DeliverAsync(tenant, new CustomerRelationshipAcceptedNotification(
            tenant.Id, Guid.NewGuid(), CustomersFixture.RelecloudTenantId, CustomersFixture.AdatumId, RelecloudAdmin, fixture.Clock.GetUtcNow()));

        await fixture.DeliverAsync(tenant, new PartnershipRemovedNotification(
            tenant.Id, Guid.NewGuid(), CustomersFixture.AdatumId, Guid.NewGuid(), "2026-11", fixture.Clock.GetUtcNow()));

        Assert.Equal(CustomersFixture.AdatumId, await fixture.QueryAsync(db => db.Customers.Select(c => c.ResellerOrganisationId).SingleAsync(), tenant));
        Assert.Equal(2, await fixture.QueryAsync(db => db.DelegatedAdminGrants.CountAsync(), tenant));
        Assert.Equal(CustomersFixture.AdatumId, await fixture.QueryAsync(
            db => db.DelegatedAdminGrants.Where(g => g.GranteeKind == "Reseller").Select(g => g.GranteeOrganisationId).SingleAsync(), tenant));
    }

    [Fact]
    public async Task CountCustomersByReseller_answers_every_asked_reseller_in_one_query_and_only_for_the_asking_tenant()
    {
        var tenant = await fixture.Services.CreateTenantAsync("cc");
        var other = await fixture.Services.CreateTenantAsync("cc");
        await fixture.DeliverAsync(tenant, new CustomerRelationshipAcceptedNotification(
            tenant.Id, Guid.NewGuid(), CustomersFixture.RelecloudTenantId, CustomersFixture.AdatumId, RelecloudAdmin, fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(other, new CustomerRelationshipAcceptedNotification(
            other.Id, Guid.NewGuid(), CustomersFixture.RelecloudTenantId, CustomersFixture.ProsewareId, RelecloudAdmin, fixture.Clock.GetUtcNow()));

        var counts = await fixture.SendAsync(new CountCustomersByResellerQuery(tenant.Id, [CustomersFixture.AdatumId, CustomersFixture.ProsewareId]), tenant);

        Assert.Equal(1, counts[CustomersFixture.AdatumId]);
        Assert.Equal(0, counts[CustomersFixture.ProsewareId]);
    }

    private Task<List<string>> DirectSubscriptionsAsync(Guid customerTenantId) => fixture.QueryAsync(db => db.DirectSubscriptions
        .Where(s => s.CustomerTenantId == customerTenantId).OrderBy(s => s.Id)
        .Select(s => s.Id + "|" + s.OfferName + "|" + s.Quantity + "|" + s.Status + "|" + s.AdvisorOfRecord + "|" + s.PurchasedAt).ToListAsync());
}
