using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Validation.PartnerValidationSubmissionTests;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// Fabrikam Cloud (an indirect provider, not yet GCC-approved) through its whole partner validation: submitted the
/// day before Thanksgiving 2026, reviewed on the desk, information requested and answered, approved — then the
/// qualification, the code and the customer submissions it unlocks (R-VAL-1..5, R-VAL-7, R-PC-2).
/// </summary>
[Collection(ValidationCollection.Name)]
public sealed class PartnerValidationJourneyTests(ValidationFixture fixture)
{
    private static readonly TimeSpan Eastern = TimeSpan.FromHours(-5);

    private static object PartnerForm(Guid tenantId) => new
    {
        commercialTenantId = tenantId,
        governmentEntitiesServed = new[] { "State", "Local" },
        holdsDirectContracts = true,
        holdsIndirectContracts = false,
        contractVehicles = "GSA Schedule 70",
    };

    private static object CustomerForm(string domain) => new
    {
        legalName = "Town of Fabrikam Falls",
        domain,
        address = "1 Main St, Fabrikam Falls, WA",
        contactName = "Casey Clerk",
        contactEmail = "casey.clerk@fabrikamfalls.example",
        contactPhone = "+1 555 0101",
        eligibilityCategory = "UsLocalGovernment",
    };

    [Fact]
    public async Task R_VAL_3_R_VAL_4_R_VAL_7_a_partner_case_from_the_day_before_Thanksgiving_through_information_request_to_approval()
    {
        using var fabrikam = await fixture.ApiAsync(IdentityFixture.Fabrikam, "GlobalAdmin");
        using var contoso = await fixture.ApiAsync(IdentityFixture.Contoso, "GlobalAdmin");
        var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        var fabrikamTenant = await fixture.TenantAsync(IdentityFixture.Fabrikam);

        // R-VAL-5 before approval: Fabrikam cannot submit customers yet.
        using (var early = await fabrikam.PostAsJsonAsync("/v1/validationcases/customer", CustomerForm("early.onmicrosoft.com")))
        {
            await AssertRefusedAsync(early, HttpStatusCode.BadRequest, "partner_not_gcc_qualified");
        }

        // R-VAL-3: Wednesday 2026-11-25 10:00 Eastern + 2 US business days = Monday 30th (Thanksgiving and the weekend skipped).
        using var created = await fabrikam.PostAsJsonAsync("/v1/validationcases/partner", PartnerForm(ValidationTestSupport.FabrikamCommercialTenantId));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("Submitted", body.GetProperty("state").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, Eastern), body.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("usgcce@microsoft.com", body.GetProperty("supportContact").GetString()); // R-VAL-10

        // Another tenant's case is 404 on every tenant route; a second open case is refused.
        using (var foreign = await contoso.GetAsync(new Uri($"/v1/validationcases/{id}", UriKind.Relative)))
        {
            await AssertRefusedAsync(foreign, HttpStatusCode.NotFound, "validation_case_not_found");
        }

        using (var again = await fabrikam.PostAsJsonAsync("/v1/validationcases/partner", PartnerForm(ValidationTestSupport.FabrikamCommercialTenantId)))
        {
            await AssertRefusedAsync(again, HttpStatusCode.Conflict, "validation_case_already_open");
        }

        // The desk lists it, not overdue yet.
        var desk = await reviewer.GetAsync("/platform/review-desk");
        Assert.Equal(HttpStatusCode.OK, desk.Status);
        Assert.Contains($"data-case-id=\"{id}\" data-state=\"Submitted\" data-overdue=\"false\"", desk.Html, StringComparison.Ordinal);
        Assert.Contains("usgcce@microsoft.com", desk.Html, StringComparison.Ordinal);

        // R-VAL-3: Monday 30th 11:00 Eastern the case is overdue, on the desk and for the partner.
        fixture.Clock.Advance(new DateTimeOffset(2026, 11, 30, 11, 0, 0, Eastern) - fixture.Clock.GetUtcNow());
        reviewer.Dispose();
        reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer); // the sign-in expired with the days the clock moved
        desk = await reviewer.GetAsync("/platform/review-desk?Kind=Partner");
        Assert.Contains($"data-case-id=\"{id}\" data-state=\"Submitted\" data-overdue=\"true\"", desk.Html, StringComparison.Ordinal);
        var own = await fabrikam.GetFromJsonAsync<JsonElement>(new Uri($"/v1/validationcases/{id}", UriKind.Relative));
        Assert.True(own.GetProperty("overdue").GetBoolean());

        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "StartReview", 0)).Status);

        // An information request needs a message: refused with a readable message, not a code.
        var empty = await reviewer.ActAsync(id, "RequestInformation", 1, "  ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Equal("Say which information is needed.", PortalClient.TextOf(empty.Html, "form-errors"));

        // R-VAL-7: the clock stops while the partner is asked; the submitter is told what is needed.
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "RequestInformation", 1, "Send the GSA contract number.")).Status);
        own = await fabrikam.GetFromJsonAsync<JsonElement>(new Uri($"/v1/validationcases/{id}", UriKind.Relative));
        Assert.Equal("InformationRequested", own.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("dueAt").ValueKind);
        Assert.False(own.GetProperty("overdue").GetBoolean());
        var asked = await fixture.OutboxPayloadsAsync(fabrikamTenant.Id, "UserNotificationRequested");
        Assert.Contains(asked, p => p.Contains("validation.information_requested", StringComparison.Ordinal) && p.Contains("Send the GSA contract number.", StringComparison.Ordinal));
        // Issue 16 item 7: the same notification in German (and French, Spanish) for readers of the German portal.
        Assert.Contains(asked, p => p.Contains("validation.information_requested", StringComparison.Ordinal) && p.Contains("Informationen angefordert", StringComparison.Ordinal));

        // Contoso cannot answer Fabrikam's request (404); Fabrikam answers on Tuesday Dec 1 09:00 → due Thursday Dec 3 09:00.
        using (var foreignAnswer = await contoso.PostAsJsonAsync($"/v1/validationcases/{id}/answer", new { answer = "x" }))
        {
            await AssertRefusedAsync(foreignAnswer, HttpStatusCode.NotFound, "validation_case_not_found");
        }

        fixture.Clock.Advance(new DateTimeOffset(2026, 12, 1, 9, 0, 0, Eastern) - fixture.Clock.GetUtcNow());
        reviewer.Dispose();
        reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        using (var answered = await fabrikam.PostAsJsonAsync($"/v1/validationcases/{id}/answer", new { answer = "GS-35F-0001X" }))
        {
            Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
            var after = await answered.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("InReview", after.GetProperty("state").GetString());
            Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 0, 0, Eastern), after.GetProperty("dueAt").GetDateTimeOffset());
        }

        // A stale page (version 1) is refused with 409; the current one approves.
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.ActAsync(id, "Approve", 1)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "Approve", 3)).Status);

        // R-VAL-4: the qualification reached Partners through the outbox; R-PC-2: one code with 5 creations.
        var profile = await fabrikam.GetFromJsonAsync<JsonElement>(new Uri("/v1/profiles/organization", UriKind.Relative));
        Assert.Contains("Government_community_cloud", profile.GetRawText(), StringComparison.Ordinal);
        var codes = await fabrikam.GetFromJsonAsync<JsonElement>(new Uri("/v1/customers/all/validations", UriKind.Relative));
        var code = Assert.Single(codes.EnumerateArray());
        Assert.Equal("GCC-" + id.ToString("N")[..12].ToUpperInvariant(), code.GetProperty("validationId").GetString());
        Assert.Equal(5, code.GetProperty("maxCreates").GetInt32());
        Assert.Equal(5, code.GetProperty("remainingCreates").GetInt32());
        var told = await fixture.OutboxPayloadsAsync(fabrikamTenant.Id, "UserNotificationRequested");
        Assert.Contains(told, p => p.Contains("validation.approved", StringComparison.Ordinal));

        // A closed case takes no more acts; the partner now submits customers (R-VAL-5).
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.ActAsync(id, "Deny", 4, "late")).Status);
        using var customer = await fabrikam.PostAsJsonAsync("/v1/validationcases/customer", CustomerForm("fabrikamfalls.onmicrosoft.com"));
        Assert.True(customer.StatusCode == HttpStatusCode.Created, await customer.Content.ReadAsStringAsync());
        var customerCase = await customer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ValidationTestSupport.FabrikamCommercialTenantId, customerCase.GetProperty("commercialTenantId").GetGuid());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 0, 0, Eastern), customerCase.GetProperty("dueAt").GetDateTimeOffset());
        reviewer.Dispose();
    }
}
