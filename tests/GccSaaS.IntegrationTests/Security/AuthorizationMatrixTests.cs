using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// Every route with an object id (API and portal; a workspace page's object is its tenant) × every caller kind ×
/// whose object it names (own tenant, another tenant, another reseller of the same tenant, a random id). What each
/// caller may do comes from <see cref="PolicyTable"/>. A caller the table allows is not refused; one it does not is
/// refused (API 403, portal 403 or 404 page) and changes nothing; anonymous callers are sent to sign in (401 on the
/// API); and an object the caller may not reach answers exactly like one that does not exist: same status, same
/// problem code and JSON property names (API), same status page (portal). A route with a parameter that the table
/// does not list fails the test, naming it.
/// </summary>
[Collection(AuthorizationMatrixCollection.Name)]
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture, ITestOutputHelper output)
{
    private static readonly Caller[] ApiCallers =
    [
        Caller.GlobalAdmin, Caller.AdminAgent, Caller.SalesAgent,
        Caller.AdatumAdmin, Caller.AdatumAgent, Caller.ProsewareAdmin, Caller.ProsewareAgent, // reseller admins' keys (issue 18)
        Caller.PlatformAdmin, Caller.ValidationReviewer, Caller.Anonymous,
    ];

    private static readonly Ownership[] AllOwnerships = [Ownership.Own, Ownership.OtherTenant, Ownership.OtherReseller, Ownership.Random];

    [Fact]
    public async Task Every_route_with_an_object_id_answers_each_caller_as_the_policy_table_says_and_a_foreign_object_like_a_missing_one()
    {
        var clock = Stopwatch.StartNew();
        var (api, portal, missing) = Routes();
        var observations = new ConcurrentBag<Observation>();

        // A write by a caller the table does not allow, on an object it can reach, runs alone between two snapshots
        // (phase two): refused or not, it must change nothing. Everything else runs in parallel, caller by caller.
        static bool Deferred(RoutePolicy policy, Caller caller, Ownership ownership, bool write) =>
            write && caller is not (Caller.Anonymous or Caller.CustomerAdministrator) && !policy.Allowed.Contains(caller)
            && Ownerships.Reachable(policy.Kind, caller, ownership, policy.ResellerScoped);

        // At soak size (GCCSAAS_SOAK_ROUNDS, build/soak.sh) the whole first phase runs that many times: every round's
        // answers are judged, so a leak that shows only under load or now and then is caught.
        var soakRounds = new List<ConcurrentBag<Observation>>();
        for (var round = 1; round <= SoakSize.Rounds; round++)
        {
            var sink = round == 1 ? observations : new ConcurrentBag<Observation>();

            // API: callers that can hold a credential for /v1 (customer administrators cannot; reseller keys are made by reseller admins).
            await Parallel.ForEachAsync(ApiCallers, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (caller, _) =>
            {
                using var client = await fixture.ApiAsync(caller) ?? throw new InvalidOperationException($"No API client for {caller}.");
                foreach (var (route, policy) in api)
                {
                    foreach (var ownership in AllOwnerships)
                    {
                        if (ApiPath(route, policy, caller, ownership) is { } path && !Deferred(policy, caller, ownership, route.IsWrite)
                            && !ConsumedInEarlierRound(round, route.IsWrite, policy, caller))
                        {
                            sink.Add(await SendApiAsync(client, route, policy, caller, ownership, path));
                        }
                    }
                }
            });

            // Portal: every caller kind, each with its own session.
            await Parallel.ForEachAsync(Enum.GetValues<Caller>(), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (caller, _) =>
            {
                using var session = await fixture.PortalAsync(caller);
                var token = await TokenAsync(session, caller);
                foreach (var (key, template, handler, policy) in portal)
                {
                    foreach (var ownership in AllOwnerships)
                    {
                        if (PagePath(template, policy, caller, ownership) is { } path && !Deferred(policy, caller, ownership, handler is not null)
                            && !ConsumedInEarlierRound(round, handler is not null, policy, caller))
                        {
                            sink.Add(await SendPortalAsync(session, token, key, handler, policy, caller, ownership, path));
                        }
                    }
                }
            });

            if (round > 1)
            {
                soakRounds.Add(sink); // judged round by round: each round answers every cell once
            }
        }

        // Phase two: the writes a role must not make, with the database compared around them all; when it changed,
        // each again alone (tables that changed only) to name the one that did it.
        var deferred = new List<(Caller Caller, Func<HttpClient?, PortalClient?, string?, Task<Observation>> Send)>();
        foreach (var caller in ApiCallers)
        {
            foreach (var (route, policy) in api)
            {
                foreach (var ownership in AllOwnerships)
                {
                    if (ApiPath(route, policy, caller, ownership) is { } path && Deferred(policy, caller, ownership, route.IsWrite))
                    {
                        deferred.Add((caller, (client, _, _) => SendApiAsync(client!, route, policy, caller, ownership, path)));
                    }
                }
            }
        }

        foreach (var caller in Enum.GetValues<Caller>())
        {
            foreach (var (key, template, handler, policy) in portal)
            {
                foreach (var ownership in AllOwnerships)
                {
                    if (PagePath(template, policy, caller, ownership) is { } path && Deferred(policy, caller, ownership, handler is not null))
                    {
                        deferred.Add((caller, (_, session, token) => SendPortalAsync(session!, token, key, handler, policy, caller, ownership, path)));
                    }
                }
            }
        }

        async Task<List<Observation>> RunDeferredAsync(Func<Func<Task<Observation>>, Task<Observation>> around)
        {
            var seen = new List<Observation>();
            foreach (var group in deferred.GroupBy(d => d.Caller))
            {
                var client = ApiCallers.Contains(group.Key) ? await fixture.ApiAsync(group.Key) : null;
                using var session = await fixture.PortalAsync(group.Key);
                var token = await TokenAsync(session, group.Key);
                foreach (var (_, send) in group)
                {
                    seen.Add(await around(() => send(client, session, token)));
                }

                client?.Dispose();
            }

            return seen;
        }

        var beforeDeferred = await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString);
        var deferredSeen = await RunDeferredAsync(send => send());
        var deferredChanges = (await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString)).ChangesSince(beforeDeferred);
        if (deferredChanges.Count > 0)
        {
            var tables = deferredChanges.Select(DatabaseSnapshot.TableOf).ToHashSet(StringComparer.Ordinal);
            deferredSeen = await RunDeferredAsync(async send =>
            {
                var before = await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString, tables);
                var seen = await send();
                return seen with { Changed = (await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString, tables)).ChangesSince(before) };
            });
            if (deferredSeen.All(o => o.Changed.Count == 0))
            {
                deferredSeen.Add(deferredSeen[0] with { Route = "(refused writes as a whole; no single one repeats it)", Changed = deferredChanges });
            }
        }

        foreach (var o in deferredSeen)
        {
            observations.Add(o);
        }

        var (leaks, violations) = Judge([.. observations]);
        foreach (var soakRound in soakRounds)
        {
            var (roundLeaks, roundViolations) = Judge([.. soakRound]);
            leaks.AddRange(roundLeaks);
            violations.AddRange(roundViolations);
        }

        var all = observations.Concat(soakRounds.SelectMany(r => r)).ToList();
        var keyRefusal = await ResellerKeysAreRefusedAsync();
        if (keyRefusal is not null)
        {
            leaks.Add(keyRefusal);
        }

        output.WriteLine($"authorisation matrix: {api.Count} API routes and {portal.Count} portal routes/handlers with object ids, {all.Count} requests, "
            + $"{all.Count(o => o.Status >= 500)} 5xx, {leaks.Count} leaks, {violations.Count} policy mismatches, {clock.Elapsed.TotalSeconds:F0} s ({DatabaseSnapshot.Statistics} in this process)");
        foreach (var group in all.GroupBy(o => o.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine(group.Key + ": " + string.Join("; ", group.GroupBy(o => o.Caller).Select(c =>
                c.Key + " " + string.Join(" ", c.OrderBy(o => o.Ownership).Select(o => $"{Short(o.Ownership)}={o.Status}")))));
        }

        var report = new StringBuilder();
        report.AppendLine(missing.Count == 0 ? string.Empty : "Routes with parameters missing from the policy table:\n  " + string.Join("\n  ", missing));
        report.AppendLine($"Leaks ({leaks.Count}):").AppendJoin('\n', leaks.Select(l => "  " + l)).AppendLine();
        report.AppendLine($"Policy mismatches ({violations.Count}):").AppendJoin('\n', violations.Select(v => "  " + v)).AppendLine();
        output.WriteLine(report.ToString());

        await ReliabilityReport.WriteSectionAsync("authorizationMatrix", new JsonObject
        {
            ["routesCovered"] = api.Count + portal.Count,
            ["apiRoutes"] = api.Count,
            ["portalRoutesAndHandlers"] = portal.Count,
            ["callerKinds"] = Enum.GetValues<Caller>().Length,
            ["attempts"] = all.Count,
            ["hostileInputs"] = 0,
            ["serverErrors"] = all.Count(o => o.Status >= 500),
            ["acceptances"] = 0,
            ["changedDatabase"] = 0,
            ["leaks"] = leaks.Count,
            ["policyMismatches"] = violations.Count,
            ["missingFromPolicyTable"] = missing.Count,
            ["seconds"] = (int)clock.Elapsed.TotalSeconds,
            ["soakRounds"] = SoakSize.Rounds,
        });

        Assert.True(missing.Count == 0 && leaks.Count == 0 && violations.Count == 0 && all.All(o => o.Status < 500), report.ToString()
            + string.Join('\n', all.Where(o => o.Status >= 500).Select(o => $"5xx: {o.Route} as {o.Caller} on {o.Ownership}")));
    }

    /// <summary>
    /// A write an allowed caller made in the first round may have used its object up (a deleted webhook answers 404
    /// afterwards): soak rounds repeat every read and every refused write, not the allowed writes.
    /// </summary>
    private static bool ConsumedInEarlierRound(int round, bool write, RoutePolicy policy, Caller caller) =>
        round > 1 && write && policy.Allowed.Contains(caller);

    /// <summary>The routes with parameters, each with its policy line; those the table lacks are returned by name.</summary>
    private (List<(ApiRoute Route, RoutePolicy Policy)> Api, List<(string Key, string Template, string? Handler, RoutePolicy Policy)> Portal, List<string> Missing) Routes()
    {
        var api = new List<(ApiRoute, RoutePolicy)>();
        var portal = new List<(string, string, string?, RoutePolicy)>();
        var missing = new List<string>();
        foreach (var route in RouteCatalog.ApiRoutes(fixture.Services).Where(r => r.Parameters.Count > 0))
        {
            if (PolicyTable.Find(route.Key) is not { } policy)
            {
                missing.Add(route.Key);
            }
            else if (policy.NotAnObjectBecause is null)
            {
                api.Add((route, policy));
            }
        }

        foreach (var page in RouteCatalog.Pages(fixture.Services).Where(p => p.Parameters.Count > 0))
        {
            var key = "PAGE " + page.Template;
            if (PolicyTable.Find(key) is not { } policy)
            {
                missing.Add(key);
                continue;
            }

            if (policy.NotAnObjectBecause is not null)
            {
                continue;
            }

            portal.Add((key, page.Template, null, policy));
            if (page.Parameters.All(p => p.Name == "tenant"))
            {
                continue; // a workspace page: its POST handlers share the page's policy, checked by the GET
            }

            foreach (var handler in page.PostHandlers)
            {
                var handlerKey = $"{key} {handler.Label}";
                if (PolicyTable.Find(handlerKey) is not { } handlerPolicy)
                {
                    missing.Add(handlerKey);
                }
                else
                {
                    portal.Add((handlerKey, page.Template, handler.Name ?? string.Empty, handlerPolicy));
                }
            }
        }

        foreach (var endpoint in RouteCatalog.OtherEndpoints(fixture.Services).Where(r => r.Parameters.Count > 0))
        {
            var key = "PAGE " + endpoint.Pattern;
            if (PolicyTable.Find(key) is not { } policy)
            {
                missing.Add(key);
            }
            else if (policy.NotAnObjectBecause is null)
            {
                portal.Add((key, endpoint.Pattern, null, policy));
            }
        }

        return (api, portal, missing);
    }

    private string? ApiPath(ApiRoute route, RoutePolicy policy, Caller caller, Ownership ownership)
    {
        // A reseller's key is its own principal (issue 18): like a reseller user it manages only the invitations it sent
        // (InvitationAccess), and the arrangement's reseller invitations were sent by people, not keys.
        if (policy.Kind == ObjectKind.Invitation && ownership == Ownership.Own && (Ownerships.IsAdatum(caller) || Ownerships.IsProseware(caller)))
        {
            return null;
        }

        if (Ownerships.IdOf(fixture.Objects, policy.Kind, caller, ownership) is not { } id)
        {
            return null;
        }

        return Ownerships.Fill(route.Pattern, fixture.Objects, policy.Kind, id);
    }

    private string? PagePath(string template, RoutePolicy policy, Caller caller, Ownership ownership)
    {
        if (policy.Kind == ObjectKind.Tenant && ownership == Ownership.OtherReseller)
        {
            return null;
        }

        var path = template.Replace("{tenant}", Ownerships.TenantOf(policy.Kind, ownership), StringComparison.Ordinal);
        if (path.Contains('{', StringComparison.Ordinal))
        {
            if (Ownerships.IdOf(fixture.Objects, policy.Kind, caller, ownership) is not { } id)
            {
                return null;
            }

            path = Ownerships.Fill(path, fixture.Objects, policy.Kind, id);
        }

        return path;
    }

    private async Task<Observation> SendApiAsync(HttpClient client, ApiRoute route, RoutePolicy policy, Caller caller, Ownership ownership, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
        if (route.IsWrite)
        {
            request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
            if (policy.Probe?.Invoke(fixture.Objects) is { } body)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string shape;
        try
        {
            using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            shape = json.RootElement.ValueKind == JsonValueKind.Object
                ? $"type={(ApiCalls.ErrorName(json.RootElement) is { Length: > 0 } name ? name : "-")} [{string.Join(",", json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal))}]"
                : json.RootElement.ValueKind.ToString();
        }
        catch (JsonException)
        {
            shape = "not JSON";
        }

        return new Observation("API " + route.Key, true, route.IsPlatform, route.IsWrite, policy, caller, ownership, (int)response.StatusCode, shape, path);
    }

    private async Task<Observation> SendPortalAsync(PortalClient session, string? token, string key, string? handler, RoutePolicy policy, Caller caller, Ownership ownership, string path)
    {
        HttpResponseMessage response;
        if (handler is null)
        {
            response = await session.Http.GetAsync(new Uri(path, UriKind.Relative));
        }
        else
        {
            var fields = new List<KeyValuePair<string, string>>(policy.Form?.Invoke(fixture.Objects).Select(f => KeyValuePair.Create(f.Name, f.Value)) ?? []);
            if (token is not null)
            {
                fields.Add(KeyValuePair.Create("__RequestVerificationToken", token));
            }

            using var content = new FormUrlEncodedContent(fields);
            response = await session.Http.PostAsync(new Uri(path + (handler.Length > 0 ? "?handler=" + handler : string.Empty), UriKind.Relative), content);
        }

        using (response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString;
            string shape = status is >= 300 and < 400
                ? "→ " + Normalise(location ?? string.Empty)
                : $"status-page={StatusPage().Match(html).Groups[1].Value} h1={WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value).Trim()}";
            return new Observation(key, false, key.StartsWith("PAGE /platform", StringComparison.Ordinal), handler is not null, policy, caller, ownership, status, shape, path);
        }
    }

    /// <summary>A redirect target with the ids and tenant identifiers the request named replaced, so two requests differing only in the id compare equal.</summary>
    private static string Normalise(string location)
    {
        var text = Uri.UnescapeDataString(location.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : location);
        text = Guids().Replace(text, "{id}");
        text = text.Replace(SecurityFixture.Fabrikam, "{tenant}", StringComparison.Ordinal).Replace(SecurityFixture.Contoso, "{tenant}", StringComparison.Ordinal);
        return RandomTenant().Replace(text, "{tenant}");
    }

    private static async Task<string?> TokenAsync(PortalClient session, Caller caller)
    {
        foreach (var page in caller is Caller.PlatformAdmin or Caller.ValidationReviewer ? ["/platform", "/account/sign-in"] : new[] { $"/{SecurityFixture.Contoso}", "/account/sign-in" })
        {
            if (PortalClient.AntiforgeryToken((await session.GetAsync(page)).Html) is { } token)
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>Applies the rules to the observations; answers (leaks, policy mismatches).</summary>
    private static (List<string> Leaks, List<string> Violations) Judge(IReadOnlyList<Observation> observations)
    {
        var leaks = new List<string>();
        var violations = new List<string>();
        foreach (var cell in observations.GroupBy(o => (o.Route, o.Caller)))
        {
            var byOwnership = cell.ToDictionary(o => o.Ownership);
            var any = cell.First();
            var policy = any.Policy;
            var caller = any.Caller;
            var signedOut = caller is Caller.Anonymous or Caller.CustomerAdministrator;
            var allowed = !signedOut && policy.Allowed.Contains(caller);
            byOwnership.TryGetValue(Ownership.Random, out var missing);
            foreach (var o in cell)
            {
                var where = $"{o.Route} as {caller} on {o.Ownership} ({o.Path})";
                if (signedOut)
                {
                    var sentToSignIn = o.Api ? o.Status == 401 : o.Status == 302 && o.Shape.StartsWith("→ /account/sign-in", StringComparison.Ordinal);
                    if (!sentToSignIn)
                    {
                        (o.Status is >= 200 and < 300 ? leaks : violations).Add($"{where}: {o.Status} {o.Shape}, expected {(o.Api ? "401" : "a redirect to sign-in")}");
                    }

                    continue;
                }

                var reachable = Ownerships.Reachable(policy.Kind, caller, o.Ownership, policy.ResellerScoped);
                if (!reachable)
                {
                    if (o.Ownership != Ownership.Random && missing is not null && (o.Status != missing.Status || o.Shape != missing.Shape))
                    {
                        leaks.Add($"{where}: {o.Status} {o.Shape} but a missing id answers {missing.Status} {missing.Shape}");
                    }

                    continue;
                }

                if (allowed)
                {
                    if (o.Status is 401 or 403 or 404 || o.Status >= 500 || o.Shape.StartsWith("→ /account/sign-in", StringComparison.Ordinal))
                    {
                        violations.Add($"{where}: {o.Status} {o.Shape}, but the policy table allows {caller}");
                    }

                    continue;
                }

                // Not allowed by role: refused (API 403; a platform key outside /v1/platform is 401 by design, docs/api.md),
                // and, for a write, nothing changed.
                var refused = o.Api
                    ? o.Status == 403 || (o.Status == 401 && caller is Caller.PlatformAdmin or Caller.ValidationReviewer && !o.Platform)
                    : o.Status is 403 or 404;
                if (o.Changed.Count > 0)
                {
                    leaks.Add($"{where}: {o.Status} {o.Shape} and changed {string.Join(", ", o.Changed)}, but the policy table does not allow {caller}");
                }
                else if (!refused)
                {
                    (o.Status is >= 200 and < 400 && !o.Write ? leaks : violations).Add(
                        $"{where}: {o.Status} {o.Shape}, but the policy table does not allow {caller}" + (o.Write ? " (nothing changed)" : string.Empty));
                }
            }
        }

        return (leaks, violations);
    }

    /// <summary>A Global admin's keys carry provider roles only: a reseller role is refused (reseller keys are made by reseller admins, for their organisation).</summary>
    private async Task<string?> ResellerKeysAreRefusedAsync()
    {
        using var admin = await fixture.PortalAsync(Caller.GlobalAdmin);
        var page = $"/{SecurityFixture.Contoso}/settings/api-keys";
        var response = await admin.PostFormAsync(page, page + "?handler=Create", PortalClient.Fields(("Name", "reseller key"), ("Role", "ResellerAdmin")));
        return PortalClient.TextOf(response.Html, "api-key-secret") is null ? null : $"POST {page}?handler=Create made an API key with role ResellerAdmin";
    }

    private static string Short(Ownership ownership) => ownership switch
    {
        Ownership.Own => "own",
        Ownership.OtherTenant => "tenant",
        Ownership.OtherReseller => "reseller",
        _ => "random",
    };

    [GeneratedRegex("data-status=\"(\\d+)\"")]
    private static partial Regex StatusPage();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex("t-[0-9a-f]{12}")]
    private static partial Regex RandomTenant();

    /// <summary>One request of the matrix and its answer (<see cref="Shape"/>: problem code and property names, or status page and heading, or redirect target).</summary>
    private sealed record Observation(string Route, bool Api, bool Platform, bool Write, RoutePolicy Policy, Caller Caller, Ownership Ownership, int Status, string Shape, string Path)
    {
        public IReadOnlyList<string> Changed { get; init; } = [];
    }
}
