using System.Net;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Relationships;
using GccSaaS.Modules.Customers.Contracts;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;

namespace GccSaaS.IntegrationTests.Data;

/// <summary>
/// A command that spans modules commits whole or not at all (ADR 0017). Adding a GCC customer writes the customer
/// in Customers and takes a use of the validation code in Validation (R-PC-2, R-VAL-8); faults after the code was
/// taken (a failing write, a failing commit, the session dying at the commit) leave the code's remaining count and
/// the customers exactly as they were, and the same request then succeeds once.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class CustomerCreationAtomicityTests(CustomersFixture fixture)
{
    [Fact]
    public async Task R_PC_2_the_customer_write_failing_after_the_code_was_taken_leaves_the_code_unspent_and_no_customer()
    {
        await using var faults = new FaultInjection(fixture.Database);
        var (api, contoso, code, domain) = await ArrangeAsync();
        using var _ = api;

        // Fails when the unit commits: every step ran, the code use included.
        await faults.FailAtCommitAsync("customers.customer_tenants", $"NEW.domain = '{domain}'");
        var requestId = Guid.NewGuid();
        using (var failed = await CreateAsync(api, GccBody(domain, code), requestId))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        await AssertNothingWrittenAsync(faults, contoso, code, domain);
        await AssertRetrySucceedsOnceAsync(faults, api, contoso, code, domain, requestId);
    }

    [Fact]
    public async Task R_PC_2_a_code_use_that_fails_to_write_leaves_no_customer()
    {
        await using var faults = new FaultInjection(fixture.Database);
        var (api, contoso, code, domain) = await ArrangeAsync();
        using var _ = api;

        await faults.FailInsertAsync("validation.validation_code_uses", $"NEW.validation_id = '{code}'");
        var requestId = Guid.NewGuid();
        using (var failed = await CreateAsync(api, GccBody(domain, code), requestId))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        await AssertNothingWrittenAsync(faults, contoso, code, domain);
        await AssertRetrySucceedsOnceAsync(faults, api, contoso, code, domain, requestId);
    }

    [Fact]
    public async Task R_PC_2_the_process_dying_at_the_commit_after_the_code_was_taken_leaves_the_code_unspent_and_no_customer()
    {
        await using var faults = new FaultInjection(fixture.Database);
        var (api, contoso, code, domain) = await ArrangeAsync();
        using var _ = api;

        await faults.StallAtCommitAsync("customers.customer_tenants", $"NEW.domain = '{domain}'");
        var requestId = Guid.NewGuid();
        var creating = CreateAsync(api, GccBody(domain, code), requestId);
        Assert.True(await faults.KillStalledSessionAsync(TimeSpan.FromSeconds(20)), "The command never reached its commit.");
        using (var died = await creating)
        {
            Assert.NotEqual(HttpStatusCode.Created, died.StatusCode);
        }

        // What a restarted process finds: the database as the dead session left it, read afresh.
        await AssertNothingWrittenAsync(faults, contoso, code, domain);
        await AssertRetrySucceedsOnceAsync(faults, api, contoso, code, domain, requestId);
    }

    private async Task<(HttpClient Api, BuildingBlocks.Tenancy.TenantInfo Contoso, string Code, string Domain)> ArrangeAsync()
    {
        var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 5);
        return (api, contoso, code, NewDomain("atomic"));
    }

    private static object GccBody(string domain, string code) =>
        Body(domain, qualification: CustomerQualifications.GovernmentCommunityCloud, code: code);

    private static async Task AssertNothingWrittenAsync(FaultInjection faults, BuildingBlocks.Tenancy.TenantInfo contoso, string code, string domain)
    {
        Assert.Equal(5, await faults.CountAsync(contoso.Id, "SELECT remaining_creates FROM validation.validation_codes WHERE validation_id = @c", ("c", code)));
        Assert.Equal(0, await faults.CountAsync(contoso.Id, "SELECT count(*) FROM validation.validation_code_uses WHERE validation_id = @c", ("c", code)));
        Assert.Equal(0, await faults.CountAsync(null, "SELECT count(*) FROM customers.customer_tenants WHERE domain = @d", ("d", domain)));
        Assert.Equal(0, await faults.CountAsync(contoso.Id, "SELECT count(*) FROM customers.customers WHERE domain = @d", ("d", domain)));
    }

    private static async Task AssertRetrySucceedsOnceAsync(
        FaultInjection faults, HttpClient api, BuildingBlocks.Tenancy.TenantInfo contoso, string code, string domain, Guid requestId)
    {
        await faults.DisposeAsync(); // the fault is gone; the same request is sent again
        using (var retried = await CreateAsync(api, GccBody(domain, code), requestId))
        {
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        }

        Assert.Equal(4, await faults.CountAsync(contoso.Id, "SELECT remaining_creates FROM validation.validation_codes WHERE validation_id = @c", ("c", code)));
        Assert.Equal(1, await faults.CountAsync(contoso.Id, "SELECT count(*) FROM validation.validation_code_uses WHERE validation_id = @c", ("c", code)));
        Assert.Equal(1, await faults.CountAsync(contoso.Id, "SELECT count(*) FROM customers.customers WHERE domain = @d", ("d", domain)));
    }
}

/// <summary>
/// Accepting a partnership makes it active in Relationships and grants the reseller's admin a membership in Identity
/// (R-REL-2): both or neither. A failing grant, and the session dying at the commit after the grant, leave the
/// partnership inactive, the link usable and no membership; accepting again then grants exactly one.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class PartnershipAcceptanceAtomicityTests(RelationshipsFixture fixture)
{
    [Fact]
    public async Task R_REL_2_a_failing_membership_grant_leaves_the_partnership_inactive_and_the_link_usable()
    {
        await using var faults = new FaultInjection(fixture.Database);
        var (organisationId, partnerId, path, invitee) = await ArrangeAsync();
        using var _ = invitee;

        await faults.FailInsertAsync("identity.memberships", $"NEW.reseller_organisation_id = '{organisationId}'");
        var failed = await invitee.AcceptAsync(path, partnerId);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        await AssertNeitherAsync(faults, organisationId, path);
        await AssertAcceptingAgainGrantsOnceAsync(faults, invitee, organisationId, partnerId, path);
    }

    [Fact]
    public async Task R_REL_2_the_process_dying_at_the_commit_after_the_grant_leaves_neither_partnership_nor_membership()
    {
        await using var faults = new FaultInjection(fixture.Database);
        var (organisationId, partnerId, path, invitee) = await ArrangeAsync();
        using var _ = invitee;

        await faults.StallAtCommitAsync("identity.memberships", $"NEW.reseller_organisation_id = '{organisationId}'");
        var accepting = invitee.AcceptAsync(path, partnerId);
        Assert.True(await faults.KillStalledSessionAsync(TimeSpan.FromSeconds(20)), "The acceptance never reached its commit.");
        Assert.NotEqual(HttpStatusCode.Redirect, (await accepting).Status);

        await AssertNeitherAsync(faults, organisationId, path);
        await AssertAcceptingAgainGrantsOnceAsync(faults, invitee, organisationId, partnerId, path);
    }

    private async Task<(Guid OrganisationId, string PartnerId, string Path, PortalClient Invitee)> ArrangeAsync()
    {
        var (organisationId, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        var invitee = await fixture.RegisterThroughLinkAsync(path);
        return (organisationId, partnerId, path, invitee);
    }

    private async Task AssertNeitherAsync(FaultInjection faults, Guid organisationId, string path)
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);
        Assert.Equal(0, await faults.CountAsync(contoso.Id, "SELECT count(*) FROM relationships.partnerships WHERE reseller_organisation_id = @o", ("o", organisationId)));
        Assert.Equal(0, await faults.CountAsync(null, "SELECT count(*) FROM identity.memberships WHERE reseller_organisation_id = @o", ("o", organisationId)));
        Assert.Equal(HttpStatusCode.OK, (await new PortalClient(fixture.Factory).GetAsync(path)).Status); // still pending
    }

    private async Task AssertAcceptingAgainGrantsOnceAsync(FaultInjection faults, PortalClient invitee, Guid organisationId, string partnerId, string path)
    {
        await faults.DisposeAsync();
        var accepted = await invitee.AcceptAsync(path, partnerId);

        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);
        Assert.Equal(1, await faults.CountAsync(contoso.Id, "SELECT count(*) FROM relationships.partnerships WHERE reseller_organisation_id = @o", ("o", organisationId)));
        Assert.Equal(1, await faults.CountAsync(null, "SELECT count(*) FROM identity.memberships WHERE reseller_organisation_id = @o", ("o", organisationId)));
    }
}
