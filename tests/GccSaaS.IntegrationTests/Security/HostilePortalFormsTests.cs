using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// Generated from the host's compiled Razor pages: every page handler that accepts POST is opened as a role that may
/// use the page (route values filled from the demo data), its form is read from the page (or, when the page does not
/// show it, from the handler's bound fields), and each field in turn gets NUL and control characters, invalid UTF-8,
/// a 1 MB value and text where a GUID, number, date or boolean belongs, plus one duplicated field. Each must answer a
/// 4xx page and leave the database as it was.
/// </summary>
[Collection(HostilePortalCollection.Name)]
public sealed partial class HostilePortalFormsTests(HostilePortalFixture fixture, ITestOutputHelper output)
{
    private const int Parallelism = 4;

    /// <summary>Handlers that legitimately succeed whatever they are sent. Keep this list short and justified.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/account/sign-out POST"] = "signs the session out; reads no field",
        ["/customer/sign-out POST"] = "signs the customer workspace session out; reads no field",
        ["/culture POST"] = "the language switch: an unknown culture is ignored, returnUrl must be local, and only a cookie is written",
    };

    [Fact]
    public async Task Every_portal_form_refuses_every_malformed_field_with_a_4xx_page_and_changes_nothing()
    {
        var clock = Stopwatch.StartNew();
        var pages = RouteCatalog.Pages(fixture.Services);
        var attempts = new List<Attempt>();
        var notes = new List<string>();
        var uncovered = new List<string>();
        var sessions = new Dictionary<Caller, PortalClient>();
        var handlers = 0;
        var requests = 0;
        try
        {
            foreach (var page in pages)
            {
                foreach (var handler in page.PostHandlers)
                {
                    var label = $"{page.Template} {handler.Label}";
                    if (!HostileApiBodiesTests.Selected(label))
                    {
                        continue;
                    }

                    handlers++;
                    if (Exempt.TryGetValue(label, out var why))
                    {
                        notes.Add($"exempt: {label}: {why}");
                        continue;
                    }

                    if (Path(page) is not { } path)
                    {
                        uncovered.Add($"{label}: no demo object for its route parameters");
                        continue;
                    }

                    var caller = CallerFor(page);
                    if (!sessions.TryGetValue(caller, out var portal))
                    {
                        portal = await fixture.PortalAsync(caller);
                        sessions[caller] = portal;
                    }

                    var shown = await portal.GetAsync(path);
                    var token = PortalClient.AntiforgeryToken(shown.Html)
                        ?? PortalClient.AntiforgeryToken((await portal.GetAsync(caller == Caller.Anonymous ? "/account/sign-in" : "/select-tenant")).Html);
                    if (token is null)
                    {
                        uncovered.Add($"{label}: {path} answered {(int)shown.Status} with no antiforgery token to post with");
                        continue;
                    }

                    var (action, fields) = FormFor(page, handler, path, shown.Html);
                    if (fields.Count == 0)
                    {
                        notes.Add($"no fields: {label} (posts nothing but the antiforgery token)");
                        continue;
                    }

                    var cases = Cases(fields);
                    var before = await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString);
                    var results = new ConcurrentBag<Attempt>();
                    await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (hostile, _) =>
                        results.Add(await PostAsync(portal, label, action, token, hostile)));
                    requests += cases.Count;
                    var changed = (await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString)).ChangesSince(before);
                    var handlerAttempts = results.OrderBy(a => a.Case, StringComparer.Ordinal).ToList();
                    if (changed.Count > 0)
                    {
                        var tables = changed.Select(DatabaseSnapshot.TableOf).ToHashSet(StringComparer.Ordinal);
                        var changedBy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                        foreach (var hostile in cases)
                        {
                            var alone = await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString, tables);
                            await PostAsync(portal, label, action, token, hostile);
                            changedBy[hostile.Name] = (await DatabaseSnapshot.TakeAsync(fixture.Database.OwnerConnectionString, tables)).ChangesSince(alone);
                        }

                        requests += cases.Count;
                        handlerAttempts = [.. handlerAttempts.Select(a => a with { Changed = changedBy.TryGetValue(a.Case, out var c) ? c : [] })];
                        if (handlerAttempts.All(a => a.Changed.Count == 0))
                        {
                            var suspects = string.Join(", ", results.Where(a => a.Status is < 400 or >= 500).Select(a => $"'{a.Case}' ({a.Status})"));
                            handlerAttempts.Add(new Attempt(label, $"(the battery as a whole; no single case repeats it; first pass non-4xx: {suspects})", "database changed", -1, null, changed));
                        }
                    }

                    attempts.AddRange(handlerAttempts);
                }
            }
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }

        var failures = attempts.Where(a => a.Failure is not null).ToList();
        var serverErrors = attempts.Count(a => a.Status >= 500);
        var acceptances = attempts.Count(a => a.Status is >= 200 and < 400);
        var changedDatabase = attempts.Count(a => a.Changed.Count > 0);
        var report = Report(failures);
        output.WriteLine($"hostile portal forms: {handlers - uncovered.Count} of {handlers} POST handlers, {attempts.Count(a => a.Status != -1)} hostile inputs, {requests} requests, "
            + $"{serverErrors} 5xx, {acceptances} 2xx/3xx, {changedDatabase} changed the database, {failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s ({DatabaseSnapshot.Statistics} in this process)");
        foreach (var line in notes.Concat(uncovered.Select(u => "not covered: " + u)))
        {
            output.WriteLine(line);
        }

        foreach (var handler in attempts.Where(a => a.Status != -1).GroupBy(a => a.Handler))
        {
            output.WriteLine($"{handler.Key}: {handler.Count()} cases, answered " + string.Join(", ", handler.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        }

        output.WriteLine(report);
        await ReliabilityReport.WriteSectionAsync("hostilePortalForms", new JsonObject
        {
            ["routesCovered"] = handlers - uncovered.Count,
            ["postHandlers"] = handlers,
            ["exempt"] = new JsonArray([.. Exempt.Select(e => (JsonNode?)JsonValue.Create(e.Key + ": " + e.Value))]),
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
            $"{failures.Count} malformed form posts were not refused cleanly, {uncovered.Count} handlers not covered:\n" + string.Join('\n', uncovered) + "\n" + report);
    }

    /// <summary>Who opens the page: anonymous pages anonymously, else a demo user holding the first role its policy names.</summary>
    private Caller CallerFor(PageRoute page)
    {
        if (page.Policies.Contains("CustomerAdministrator"))
        {
            return Caller.CustomerAdministrator; // the customer workspace (ADR 0020): its own sign-in
        }

        if (page.AllowsAnonymous || page.Policies.Count == 0)
        {
            return page.Policies.Count == 0 && !page.AllowsAnonymous && page.Descriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                ? Caller.GlobalAdmin
                : Caller.Anonymous;
        }

        var roles = RouteCatalog.RolesOf(fixture.Services, page.Policies);
        return roles.Count == 0 ? Caller.GlobalAdmin : Enum.Parse<Caller>(roles[0] switch
        {
            "ResellerAdmin" => nameof(Caller.AdatumAdmin),
            "ResellerAgent" => nameof(Caller.AdatumAgent),
            var role => role,
        });
    }

    /// <summary>The page's path with its route values from the demo data (a live object of the caller's tenant); null when none fits.</summary>
    private string? Path(PageRoute page)
    {
        var o = fixture.Objects;
        var tokenPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["/invitations/partnership/{provider}/{token}"] = o.PartnershipLinkPath,
            ["/invitations/customer-relationship/{provider}/{token}"] = o.CustomerRelationshipLinkPath,
            ["/invitations/users/{token}"] = o.UserInvitationLinkPath,
        };
        if (tokenPaths.TryGetValue(page.Template, out var tokenPath))
        {
            return tokenPath;
        }

        var kind = PolicyTable.Find("PAGE " + page.Template)?.Kind ?? ObjectKind.None;
        var path = page.Template;
        foreach (var parameter in page.Parameters)
        {
            string? value = parameter.Name switch
            {
                "tenant" => SecurityFixture.Contoso,
                _ when parameter.Constraint == "guid" => kind switch
                {
                    ObjectKind.Customer => o.CustomerAdatum.ToString(),
                    ObjectKind.Cart => (parameter.Name == "cartId" ? o.CartAdatum : o.CartCustomers[o.CartAdatum]).ToString(), // a cart's routes name its customer too
                    ObjectKind.TenantCase or ObjectKind.DeskCase => o.CaseContoso.ToString(),
                    ObjectKind.Partnership => o.ProsewarePartnership.ToString(),
                    ObjectKind.WebhookEndpoint => o.WebhookProvider.ToString(),
                    ObjectKind.Subscription => (parameter.Name == "subId" ? o.SubscriptionAdatum : o.SubscriptionCustomers[o.SubscriptionAdatum]).ToString(),
                    _ => null,
                },
                _ when parameter.Optional => string.Empty,
                _ => null,
            };
            if (value is null)
            {
                return null;
            }

            path = Regex.Replace(path, @"/?\{" + Regex.Escape(parameter.Name) + @"(:[^}]*)?\}", value.Length == 0 ? string.Empty : "/" + value);
        }

        return path.Length == 0 ? "/" : path;
    }

    /// <summary>
    /// The handler's form on the page (by its action or a button's formaction), fields as a browser would send them;
    /// fields the handler binds that the form lacks are added with a value of their type (and every field is typed by
    /// what the handler binds it to).
    /// </summary>
    private (string Action, List<FormField> Fields) FormFor(PageRoute page, PageHandler handler, string path, string html)
    {
        var forms = HtmlForms.Parse(html);
        bool Matches(string action) => string.Equals(HtmlForms.HandlerOf(action), handler.Name, StringComparison.OrdinalIgnoreCase)
            && (handler.Name is not null || action.Length == 0 || action.Split('?')[0].TrimEnd('/').Equals(path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        var form = forms.FirstOrDefault(f => Matches(f.Action));
        var action = form?.Action;
        if (form is null && forms.FirstOrDefault(f => f.ButtonActions.Any(Matches)) is { } withButton)
        {
            form = withButton;
            action = withButton.ButtonActions.First(Matches);
        }

        action = string.IsNullOrEmpty(action) ? path + (handler.Name is null ? string.Empty : "?handler=" + handler.Name) : action;
        var bound = HtmlForms.BoundFields(page.Descriptor, handler, [.. page.Parameters.Select(p => p.Name)]);
        var fields = new List<FormField>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in form?.Fields ?? [])
        {
            if (seen.Add(field.Name))
            {
                fields.Add(bound.TryGetValue(field.Name, out var type) ? field with { Type = HtmlForms.TypeOf(type) } : field);
            }
        }

        // Query values of the action (e.g. ?id=…&handler=Resend) are fields too.
        var query = action.Contains('?', StringComparison.Ordinal) ? action[(action.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=')[0]);
            if (!name.Equals("handler", StringComparison.OrdinalIgnoreCase) && seen.Add(name))
            {
                var value = Uri.UnescapeDataString(pair.Contains('=', StringComparison.Ordinal) ? pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..] : string.Empty);
                fields.Add(new FormField(name, value, bound.TryGetValue(name, out var type) ? HtmlForms.TypeOf(type) : Guid.TryParse(value, out _) ? FieldType.Identifier : FieldType.Text, InQuery: true));
            }
        }

        // When the page does not show the handler's form (a second step, a token page), every field it binds (page
        // properties and handler parameters); when it does, what the form sends plus the handler's own parameters
        // (page properties bound for another form of the page are left to that form's cases).
        var others = forms.SelectMany(f => f.Fields).GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        var parameters = handler.Descriptor.Parameters.Select(p => p.BindingInfo?.BinderModelName ?? p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in bound)
        {
            if ((form is null || parameters.Contains(name)) && seen.Add(name))
            {
                var fieldType = HtmlForms.TypeOf(type);
                fields.Add(new FormField(name, others.TryGetValue(name, out var shownValue) ? shownValue : SampleOf(fieldType, type), fieldType));
            }
        }

        // Values the test knows to be valid, so the hostile value is the reason to refuse (not an empty required field).
        foreach (var (name, value) in Examples(page.Template + " " + handler.Label))
        {
            var at = fields.FindIndex(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                fields[at] = fields[at] with { Value = value };
            }
        }

        return (action.Split('?')[0], fields);
    }

    private static string SampleOf(FieldType type, Type clr) => type switch
    {
        FieldType.Identifier => Guid.NewGuid().ToString(),
        FieldType.Number => "1",
        FieldType.Date => "2026-11-20",
        FieldType.Boolean => "false",
        FieldType.Choice when (Nullable.GetUnderlyingType(clr) ?? clr).IsEnum => Enum.GetNames(Nullable.GetUnderlyingType(clr) ?? clr)[0],
        _ => "probe",
    };

    private IEnumerable<(string Name, string Value)> Examples(string handler)
    {
        var domain = $"h{Guid.NewGuid():N}"[..12];
        return handler switch
        {
            "/account/sign-in POST" => [("Email", "nobody@example.test"), ("Password", "Not-The-Password-1!")],
            "/{tenant}/users POST:Invite" => [("InviteEmail", IdentityJourneys.NewEmail("hostile"))],
            "/{tenant}/settings/api-keys POST:Create" or "/platform/api-keys POST:Create" => [("Name", "hostile probe key")],
            "/platform/tenants POST:Create" => [("Identifier", "h-" + Guid.NewGuid().ToString("N")[..10]), ("Name", "Hostile Probe"), ("AdminEmail", IdentityJourneys.NewEmail("hostile"))],
            "/{tenant}/resellers POST:Request" or "/{tenant}/customers/relationship-request POST:Request" => [("InviteEmail", IdentityJourneys.NewEmail("hostile"))],
            "/{tenant}/customers/new POST:Review" or "/{tenant}/customers/new POST:Create" =>
            [
                ("Form.CompanyName", "City of Springfield"), ("Form.Domain", domain), ("Form.AddressLine1", "742 Evergreen Terrace"), ("Form.City", "Springfield"),
                ("Form.State", "OR"), ("Form.PostalCode", "97403"), ("Form.Country", "US"), ("Form.FirstName", "Marge"), ("Form.LastName", "Simpson"),
                ("Form.Email", "it@springfield.example"), ("Form.PhoneNumber", "+1 541 555 0100"), ("Form.Culture", "en-US"), ("Form.Language", "en"),
                ("Form.Gcc", "false"), ("Form.ResellerOrganisationId", SecurityFixture.AdatumId.ToString()),
            ],
            "/{tenant}/customers/{id:guid} POST:Agreement" =>
                [("Agreement.FirstName", "Dana"), ("Agreement.LastName", "Director"), ("Agreement.Email", "dana@county.example"), ("Agreement.PhoneNumber", "+1 555 0102"), ("Agreement.DateAgreed", "2026-11-20")],
            "/{tenant}/customers/{id:guid} POST:Reseller" => [("NewReseller", SecurityFixture.ProsewareId.ToString())],
            "/{tenant}/customers/{id:guid} POST:Qualification" => [("ValidationCode", fixture.Objects.ValidationCode)],
            "/{tenant}/validation/customers/new POST" =>
            [
                ("Form.LegalName", "Contoso County"), ("Form.Domain", domain + ".onmicrosoft.com"), ("Form.Address", "100 County Rd"), ("Form.ContactName", "Dana Director"),
                ("Form.ContactEmail", "dana@county.example"), ("Form.ContactPhone", "+1 555 0102"), ("Form.Category", "UsLocalGovernment"),
            ],
            "/{tenant}/profile POST:RequestListing" => [("ListingKind", "Correct"), ("ListingText", "Please correct our address.")],
            "/{tenant}/profile POST:Verify" => [("MpnId", "5123450")],
            "/{tenant}/validation/{id:guid} POST:Answer" => [("Answer", "Attached.")],
            "/platform/review-desk/{id:guid} POST:RequestInformation" or "/platform/review-desk/{id:guid} POST:Deny" => [("Message", "Please send the letter.")],
            "/platform/listing-requests POST:Decline" => [("reason", "Not yet.")],
            _ => [],
        };
    }

    private static List<PortalCase> Cases(List<FormField> fields)
    {
        var cases = new List<PortalCase>();
        foreach (var field in fields.Where(f => f.Name != "__Invariant")) // the framework's culture marker, not a field
        {
            PortalCase With(string what, string kind, string encodedValue) => new($"{field.Name}: {what}", kind, fields, field.Name, encodedValue, false);
            cases.Add(With("NUL character", "NUL or control character", Uri.EscapeDataString("a\u0000b")));
            cases.Add(With("control characters", "NUL or control character", Uri.EscapeDataString("a\u0007\u001b\u0008b")));
            // Percent-escapes of invalid UTF-8 (%FF%FE) are kept as the literal text "%FF%FE" by the form reader, which is
            // valid input; invalid UTF-8 reaches a handler only as raw bytes in the body (a query cannot carry them).
            if (!field.InQuery)
            {
                cases.Add(With("invalid UTF-8 (raw bytes FF FE)", "invalid UTF-8", "a\u00FF\u00FEb"));
            }

            // A 1 MB query string cannot even be sent whole (the server answers 414 while the client still writes), so a
            // field in the query gets a value just over the text limit instead.
            cases.Add(field.InQuery
                ? With("4,001 characters", "1 MB value", new string('a', InputLimits.MaxTextLength + 1))
                : With("1 MB value", "1 MB value", new string('a', HostileBodies.OneMegabyte)));
            if (field.Type is not FieldType.Text)
            {
                cases.Add(With($"text where a {(field.Type == FieldType.Identifier ? "GUID" : field.Type.ToString().ToLowerInvariant())} belongs", "text where a typed value belongs", "not-a-value"));
            }

            // Soak rounds (issue 18, SoakSize): random text with a control character or raw invalid UTF-8 at a random place.
            for (var round = 2; round <= SoakSize.Rounds; round++)
            {
                var random = SoakSize.RandomFor(field.Name, round);
                var text = SoakSize.Text(random, 60);
                cases.Add(With($"random text with a control character (soak round {round})", "NUL or control character",
                    Uri.EscapeDataString(SoakSize.Insert(random, text, SoakSize.ControlCharacter(random).ToString()))));
                if (!field.InQuery)
                {
                    var ascii = new string([.. text.Where(char.IsAsciiLetterOrDigit)]);
                    cases.Add(With($"random invalid UTF-8 (soak round {round})", "invalid UTF-8", SoakSize.Insert(random, ascii, "\u00FF\u00FE")));
                }
            }
        }

        // One field twice: the first the browser would show (a visible one if any), second value different.
        var twice = fields.FirstOrDefault(f => !f.InQuery && f.Type is not FieldType.Boolean) ?? fields[0];
        cases.Add(new PortalCase($"{twice.Name}: given twice", "duplicate field", fields, twice.Name, Uri.EscapeDataString((twice.Value ?? string.Empty) + "-other"), true));
        return cases;
    }

    private static async Task<Attempt> PostAsync(PortalClient portal, string label, string action, string token, PortalCase hostile)
    {
        var body = new StringBuilder();
        var query = new StringBuilder();
        foreach (var field in hostile.Fields)
        {
            var target = field.InQuery ? query : body;
            var hit = field.Name.Equals(hostile.Field, StringComparison.OrdinalIgnoreCase);
            if (hit && !hostile.Duplicate)
            {
                Append(target, field.Name, hostile.EncodedValue);
                continue;
            }

            if (field.Value is not null)
            {
                Append(target, field.Name, Uri.EscapeDataString(field.Value));
            }

            if (hit && hostile.Duplicate)
            {
                Append(target, field.Name, hostile.EncodedValue);
            }
        }

        Append(body, "__RequestVerificationToken", Uri.EscapeDataString(token));
        var handlerName = label.Contains("POST:", StringComparison.Ordinal) ? label[(label.IndexOf("POST:", StringComparison.Ordinal) + 5)..] : null;
        if (handlerName is not null)
        {
            Append(query, "handler", Uri.EscapeDataString(handlerName));
        }

        var url = action + (query.Length > 0 ? "?" + query : string.Empty);
        // Latin-1 writes the escaped text as ASCII and the raw-byte case's U+00FF U+00FE as the bytes FF FE.
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body.ToString()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        try
        {
            using var response = await portal.Http.PostAsync(new Uri(url, UriKind.Relative), content);
            var html = await response.Content.ReadAsStringAsync();
            var location = response.Headers.Location?.OriginalString;
            var status = (int)response.StatusCode;
            var shape = status is >= 300 and < 400 ? "→ " + location : Regex.Match(html, "data-status=\"(\\d+)\"").Groups[1].Value;
            return new Attempt(label, hostile.Name, hostile.Kind, status, shape, []);
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(label, hostile.Name, hostile.Kind, 0, ex.Message, []);
        }
    }

    private static void Append(StringBuilder target, string name, string encodedValue)
    {
        if (target.Length > 0)
        {
            target.Append('&');
        }

        target.Append(Uri.EscapeDataString(name)).Append('=').Append(encodedValue);
    }

    private static string Report(IReadOnlyList<Attempt> failures)
    {
        var text = new StringBuilder();
        foreach (var cause in failures.GroupBy(f => f.Failure).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"== {cause.Key}: {cause.Count()}");
            foreach (var kind in cause.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine($"  -- {kind.Key}: {kind.Count()}");
                foreach (var f in kind)
                {
                    text.AppendLine($"     {f.Handler} | {f.Case} | {(f.Status == 0 ? "no answer" : f.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} {f.Shape}"
                        + (f.Changed.Count > 0 ? " | changed " + string.Join(", ", f.Changed) : string.Empty));
                }
            }
        }

        return text.ToString();
    }

    private sealed record PortalCase(string Name, string Kind, IReadOnlyList<FormField> Fields, string Field, string EncodedValue, bool Duplicate);

    private sealed record Attempt(string Handler, string Case, string Kind, int Status, string? Shape, IReadOnlyList<string> Changed)
    {
        public string? Failure =>
            Changed.Count > 0 || Status == -1 ? "changed the database"
            : Status == 0 ? "no answer"
            : Status >= 500 ? "5xx"
            : Status is >= 300 and < 400 ? "redirect (acted, or sent to sign-in) instead of 4xx"
            : Status is >= 200 and < 300 ? "200 page instead of 4xx"
            : Status < 400 ? "not refused"
            : null;
    }
}
