using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Identity;
using Xunit.Abstractions;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// Generated from the host's own endpoint data source and OpenAPI document: every <c>/v1</c> write route, called by a
/// key its policy allows with its route parameters pointing at a real object of the caller's tenant, gets a battery
/// of malformed bodies (<see cref="HostileBodies"/>). Each must be refused with a 4xx problem details document
/// carrying a <c>code</c>, and leave every table of every application schema as it was (row count and checksum).
/// One run lists every defect: the assertion at the end names each (route, case, status, code).
/// </summary>
[Collection(HostileApiCollection.Name)]
public sealed class HostileApiBodiesTests(HostileApiFixture fixture, ITestOutputHelper output)
{
    private const int Parallelism = 4;

    [Fact]
    public async Task Every_v1_write_route_refuses_every_malformed_body_with_a_4xx_problem_and_changes_nothing()
    {
        var clock = Stopwatch.StartNew();
        var routes = RouteCatalog.ApiRoutes(fixture.Services).Where(r => r.IsWrite && Selected(r.Key)).ToList();
        Assert.NotEmpty(routes);
        using var anonymous = fixture.Factory.CreateHttpClient(handleCookies: false);
        var openApi = await OpenApiBodies.LoadAsync(anonymous);
        var attempts = new List<Attempt>();
        var uncovered = new List<string>();
        var requests = 0;

        // Authentication stamps a key's last use once; do it before the first snapshot so it is not a "change".
        foreach (var caller in new[] { Caller.GlobalAdmin, Caller.AdminAgent, Caller.SalesAgent, Caller.PlatformAdmin, Caller.ValidationReviewer })
        {
            using var warm = await fixture.ApiAsync(caller);
            using var _ = await warm!.GetAsync(new Uri(caller is Caller.PlatformAdmin or Caller.ValidationReviewer ? "/v1/platform/validationcases" : "/v1/profiles/me", UriKind.Relative));
        }

        foreach (var route in routes)
        {
            if (AuthorisedCaller(route) is not { } caller || await fixture.ApiAsync(caller) is not { } client)
            {
                uncovered.Add($"{route.Key}: no API caller its policy allows ({string.Join(", ", route.Policies)})");
                continue;
            }

            using (client)
            {
                var path = Fill(route, caller);
                var schema = openApi.BodyOf(route);
                var example = Example(route);
                var cases = HostileBodies.For(schema, example ?? (() => schema.Root?.Sample() ?? new JsonObject()));
                var before = await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString);
                var results = new ConcurrentBag<Attempt>();
                await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (hostile, _) =>
                    results.Add(await SendAsync(client, route, path, hostile)));
                requests += cases.Count;
                var changed = (await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString)).ChangesSince(before);
                var routeAttempts = results.OrderBy(a => a.Case, StringComparer.Ordinal).ToList();
                if (changed.Count > 0)
                {
                    // Which cases changed what: each case again, alone, between two snapshots of the tables that changed.
                    var tables = changed.Select(DatabaseSnapshot.TableOf).ToHashSet(StringComparer.Ordinal);
                    var changedBy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    foreach (var hostile in cases)
                    {
                        var alone = await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString, tables);
                        await SendAsync(client, route, path, hostile);
                        changedBy[hostile.Name] = (await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString, tables)).ChangesSince(alone);
                    }

                    requests += cases.Count;
                    routeAttempts = [.. routeAttempts.Select(a => a with { Changed = changedBy.TryGetValue(a.Case, out var c) ? c : [] })];
                    if (routeAttempts.All(a => a.Changed.Count == 0))
                    {
                        // Typically a case that succeeded once (first pass) and is refused as a duplicate when repeated.
                        var suspects = string.Join(", ", results.Where(a => a.Status is >= 200 and < 300 or >= 500).Select(a => $"'{a.Case}' ({a.Status})"));
                        routeAttempts.Add(new Attempt(route.Key, $"(the battery as a whole; no single case repeats it; first pass 2xx/5xx: {(suspects.Length > 0 ? suspects : "none")})", "database changed", -1, null, null, null, changed));
                    }
                }

                attempts.AddRange(routeAttempts);
            }
        }

        var failures = attempts.Where(a => a.Failure is not null).ToList();
        var serverErrors = attempts.Count(a => a.Status >= 500);
        var acceptances = attempts.Count(a => a.Status is >= 200 and < 300);
        var changedDatabase = attempts.Count(a => a.Changed.Count > 0);
        var report = Report(failures);
        output.WriteLine($"hostile API bodies: {routes.Count - uncovered.Count} of {routes.Count} write routes, {attempts.Count(a => a.Status != -1)} hostile inputs, {requests} requests, "
            + $"{serverErrors} 5xx, {acceptances} 2xx, {changedDatabase} changed the database, {failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s ({DatabaseSnapshot.Statistics} in this process)");
        foreach (var line in uncovered)
        {
            output.WriteLine("not covered: " + line);
        }

        foreach (var route in attempts.Where(a => a.Status != -1).GroupBy(a => a.Route))
        {
            output.WriteLine($"{route.Key}: {route.Count()} cases, answered " + string.Join(", ", route.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        }

        output.WriteLine(report);
        await ReliabilityReport.WriteSectionAsync("hostileApiBodies", new JsonObject
        {
            ["routesCovered"] = routes.Count - uncovered.Count,
            ["writeRoutes"] = routes.Count,
            ["attempts"] = requests,
            ["hostileInputs"] = attempts.Count(a => a.Status != -1),
            ["serverErrors"] = serverErrors,
            ["acceptances"] = acceptances,
            ["changedDatabase"] = changedDatabase,
            ["failures"] = failures.Count,
            ["leaks"] = 0,
            ["seconds"] = (int)clock.Elapsed.TotalSeconds,
            ["failuresByCause"] = new JsonObject(failures.GroupBy(f => f.Failure + " / " + f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
        });

        Assert.True(failures.Count == 0 && uncovered.Count == 0,
            $"{failures.Count} malformed bodies were not refused cleanly, {uncovered.Count} routes not covered:\n" + string.Join('\n', uncovered) + "\n" + report);
    }

    /// <summary>GCCSAAS_SECURITY_ROUTES (a regular expression) narrows the routes while working on one; unset, every route runs.</summary>
    public static bool Selected(string route) =>
        Environment.GetEnvironmentVariable("GCCSAAS_SECURITY_ROUTES") is not { Length: > 0 } pattern
        || System.Text.RegularExpressions.Regex.IsMatch(route, pattern);

    /// <summary>A caller the route's policy admits: a platform key for /v1/platform, else the first provider role allowed.</summary>
    private Caller? AuthorisedCaller(ApiRoute route)
    {
        var roles = RouteCatalog.RolesOf(fixture.Services, route.Policies);
        if (route.IsPlatform)
        {
            return roles.Contains("PlatformAdmin") ? Caller.PlatformAdmin : roles.Contains("ValidationReviewer") ? Caller.ValidationReviewer : null;
        }

        if (roles.Count == 0)
        {
            return Caller.GlobalAdmin;
        }

        return roles.Contains("GlobalAdmin") ? Caller.GlobalAdmin : roles.Contains("AdminAgent") ? Caller.AdminAgent : roles.Contains("SalesAgent") ? Caller.SalesAgent : null;
    }

    /// <summary>The path with each parameter pointing at a live object of the caller's tenant (the policy table names its kind), else a random GUID.</summary>
    private string Fill(ApiRoute route, Caller caller)
    {
        var o = fixture.Objects;
        var kind = PolicyTable.Find(route.Key)?.Kind ?? ObjectKind.None;
        Guid? live = kind switch
        {
            ObjectKind.Customer => o.CustomerAdatum,
            ObjectKind.Cart => o.CartAdatum,
            ObjectKind.Subscription => o.SubscriptionAdatum,
            ObjectKind.TenantCase or ObjectKind.DeskCase => o.CaseContoso,
            ObjectKind.Partnership => o.ProsewarePartnership,
            ObjectKind.ResellerRelationship => SecurityFixture.ProsewareTenantId,
            ObjectKind.Invitation => o.ProviderInvitation,
            ObjectKind.User => o.ContosoUser,
            ObjectKind.Notification => o.KeyNotifications.TryGetValue(caller.ToString(), out var n) ? n : null,
            ObjectKind.ListingRequest => o.ListingRequestOpen,
            ObjectKind.PartnerOrganisation => SecurityFixture.AdatumId,
            _ => null,
        };
        var path = route.Pattern;
        foreach (var parameter in route.Parameters)
        {
            var id = kind == ObjectKind.Cart && parameter.Name != "cartId" && live is { } cart && o.CartCustomers.TryGetValue(cart, out var customer) ? customer
                : kind == ObjectKind.Subscription && parameter.Name != "subId" && live is { } subscription && o.SubscriptionCustomers.TryGetValue(subscription, out var subscriber) ? subscriber
                : live;
            var value = parameter.Constraint == "guid" ? (id ?? Guid.NewGuid()).ToString() : "probe";
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{" + parameter.Name + @"(:[^}]*)?\}", value);
        }

        return path;
    }

    /// <summary>A valid body where the test knows one (so the hostile value is the only reason to refuse), else null (schema sample).</summary>
    private Func<JsonNode?>? Example(ApiRoute route)
    {
        var o = fixture.Objects;
        return route.Key switch
        {
            "POST /v1/customers" => () => JsonSerializer.SerializeToNode(SecurityFixture.CustomerBody(SecurityFixture.AdatumTenantId)),
            "POST /v1/customers/{id:guid}/qualifications" => () => new JsonObject { ["qualification"] = "GovernmentCommunityCloud", ["validationCode"] = o.ValidationCode },
            "PATCH /v1/customers/{id:guid}" => () => new JsonObject { ["associatedPartnerId"] = SecurityFixture.AdatumTenantId.ToString() },
            "POST /v1/customers/{id:guid}/agreements" => () => JsonSerializer.SerializeToNode(SecurityFixture.AgreementBody()),
            "POST /v1/relationships/requests" => () => new JsonObject { ["invitedEmail"] = IdentityJourneys.NewEmail("hostile") },
            "POST /v1/validationcases/customer" => () =>
            {
                var domain = $"c{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com";
                return new JsonObject
                {
                    ["legalName"] = "Contoso County",
                    ["domain"] = domain,
                    ["address"] = "100 County Rd, Redmond, WA",
                    ["customerTenantId"] = Guid.NewGuid().ToString(),
                    ["contactName"] = "Dana Director",
                    ["contactEmail"] = "dana@" + domain,
                    ["contactPhone"] = "+1 555 0102",
                    ["eligibilityCategory"] = "UsLocalGovernment",
                    ["regulatedData"] = new JsonArray(),
                };
            },
            "POST /v1/validationcases/{id:guid}/answer" => () => new JsonObject { ["answer"] = "Attached." },
            "POST /v1/profiles/listingrequests" => () => new JsonObject { ["kind"] = "Correct", ["text"] = "Please correct our address." },
            "POST /v1/platform/partners" => () => new JsonObject
            {
                ["legalName"] = "Hostile Probe Reseller",
                ["partnerId"] = Random.Shared.Next(70_000_000, 79_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["partnerType"] = "IndirectReseller",
                ["cspEnrolled"] = true,
                ["partnerAgreementSigned"] = true,
                ["countryCode"] = "US",
                ["cspRegion"] = "US",
                ["commercialTenantId"] = Guid.NewGuid().ToString(),
            },
            "PATCH /v1/platform/partners/{id:guid}" => () => new JsonObject { ["cspRegion"] = "US" },
            "POST /v1/platform/listingrequests/{id:guid}/decline" => () => new JsonObject { ["reason"] = "Not yet." },
            _ when route.Pattern.StartsWith("/v1/platform/validationcases/", StringComparison.Ordinal) => () => new JsonObject { ["message"] = "Please send the letter.", ["reason"] = "Not eligible." },
            _ => null,
        };
    }

    private static async Task<Attempt> SendAsync(HttpClient client, ApiRoute route, string path, HostileCase hostile)
    {
        if (hostile.Streamed is { } streamed)
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Content-Type"] = "application/json",
                ["MS-RequestId"] = Guid.NewGuid().ToString(),
            };
            if (client.DefaultRequestHeaders.Authorization is { } authorization)
            {
                headers["Authorization"] = authorization.ToString();
            }

            var answer = await RawHttp.SendAsync(client.BaseAddress ?? throw new InvalidOperationException("No base address."), route.Method, path, headers, streamed.Length, streamed.Write);
            return new Attempt(route.Key, hostile.Name, hostile.Kind, answer.Status, answer.ContentType, CodeOf(answer.ContentType, answer.Body), answer.Status == 0 ? answer.Body : null, []);
        }

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative)) { Content = hostile.Content() };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        try
        {
            using var response = await client.SendAsync(request);
            var contentType = response.Content.Headers.ContentType?.ToString();
            var body = await response.Content.ReadAsStringAsync();
            return new Attempt(route.Key, hostile.Name, hostile.Kind, (int)response.StatusCode, contentType, CodeOf(contentType, body), null, []);
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(route.Key, hostile.Name, hostile.Kind, 0, null, null, ex.Message, []);
        }
    }

    /// <summary>The problem's error name (its <c>type</c>; <c>code</c> is the number), when the answer is JSON and has one.</summary>
    public static string? CodeOf(string? contentType, string body)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var name = ApiCalls.ErrorName(json.RootElement);
            return name.Length > 0 ? name : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Report(IReadOnlyList<Attempt> failures)
    {
        var text = new System.Text.StringBuilder();
        foreach (var cause in failures.GroupBy(f => f.Failure).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"== {cause.Key}: {cause.Count()}");
            foreach (var kind in cause.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine($"  -- {kind.Key}: {kind.Count()}");
                foreach (var f in kind)
                {
                    text.AppendLine($"     {f.Route} | {f.Case} | {(f.Status == 0 ? "no answer: " + f.Error : f.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {f.Code ?? f.ContentType ?? "-"}"
                        + (f.Changed.Count > 0 ? " | changed " + string.Join(", ", f.Changed) : string.Empty));
                }
            }
        }

        return text.ToString();
    }

    /// <summary>One hostile request and what came back; <see cref="Failure"/> names what is wrong with it, if anything.</summary>
    private sealed record Attempt(string Route, string Case, string Kind, int Status, string? ContentType, string? Code, string? Error, IReadOnlyList<string> Changed)
    {
        public string? Failure =>
            Changed.Count > 0 ? "changed the database"
            : Status == -1 ? "changed the database"
            : Status == 0 ? "no answer"
            : Status >= 500 ? "5xx"
            : Status is >= 200 and < 300 ? "accepted (2xx)"
            : Status < 400 ? "not refused (" + Status + ")"
            : ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) != true || string.IsNullOrEmpty(Code) ? "4xx without a problem code"
            : null;
    }
}
