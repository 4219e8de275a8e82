using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.IntegrationTests.Relationships;
using GccSaaS.IntegrationTests.Security;
using GccSaaS.Modules.Relationships.Jobs;
using Hangfire.States;
using Npgsql;
using Xunit.Abstractions;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// The demo platform on its own database, arranged by an in-process host (jobs off); the faults hit a separate host
/// process on the same database (<see cref="HostProcess"/>) with the job runner on and the outbox swept every minute (the
/// shortest a recurring job runs).
/// contoso holds the GCC qualification and a validation code of many uses.
/// </summary>
public sealed class HostKillFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    public const string Contoso = CustomersFixture.Contoso;

    public string GccCode { get; private set; } = string.Empty;

    public Guid ContosoId { get; private set; }

    /// <summary>The process host's settings: jobs on with test timings, the outbox swept every minute (1 s rounds up to a minute), its claims leased briefly.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessSettings => HangfireTestJobs.Settings(
        ("Outbox:SweepInterval", "00:00:01"),
        ("Outbox:FullSweepInterval", "00:00:05"),
        // A claim on an MS-RequestId whose host died is taken over once stale: 5 s here instead of 2 minutes.
        ("Idempotency:InProgressTimeout", "00:00:05"),
        // The outbox messages a killed host had claimed (after-commit dispatch) are free for the sweep again once the
        // claim's lease ends: 10 s here instead of a minute, so the restarted host's next sweep can deliver them.
        ("Outbox:Lease", "00:00:10"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var contoso = await TenantAsync(Contoso);
        ContosoId = contoso.Id;
        await GrantGccQualificationAsync(contoso, CustomersFixture.ContosoOrganisationId);
        GccCode = await Database.IssueValidationCodeAsync(contoso.Id, 100_000);
    }

    /// <summary>The API key behind a client made by <see cref="SeededPlatformFixture.ApiAsync"/>, for the process host.</summary>
    public async Task<string> ApiKeyAsync(string tenant, string role = "SalesAgent")
    {
        using var client = await ApiAsync(tenant, role);
        return client.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("No key.");
    }

    /// <summary>A reseller organisation onboarded by the platform admin (R-PC-5), as the Relationships journeys do.</summary>
    public async Task<(Guid Id, string PartnerId)> OnboardAsync()
    {
        var partnerId = Random.Shared.Next(7_000_000, 7_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var platform = await SignedInAsync("platform.admin@gccsaas.demo");
        var response = await platform.PostFormAsync("/platform/partners", "/platform/partners?handler=Save", Fields(
            ("Form.LegalName", "Reseller " + partnerId), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectReseller"),
            ("Form.CspEnrolled", "true"), ("Form.PartnerAgreementSigned", "true"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", Guid.NewGuid().ToString())));
        var saved = System.Text.RegularExpressions.Regex.Match(response.Html, "data-saved=\"([0-9a-f-]+)\"");
        Assert.True(saved.Success, $"Onboarding answered {(int)response.Status}.");
        return (Guid.Parse(saved.Groups[1].Value), partnerId);
    }

    /// <summary>A scalar as the owner role in the tenant (RLS is forced for the owner too).</summary>
    public Task<long> ScalarAsync(Guid tenant, string sql, params (string Name, object Value)[] parameters) =>
        FaultProbes.ScalarAsync(Database, tenant, sql, parameters);

    /// <summary>Outbox messages not yet delivered, over every module's outbox and every tenant.</summary>
    public Task<long> UndeliveredAsync() => FaultProbes.UndeliveredAsync(Database);
}

/// <summary>
/// Issue 18, faults: the host is killed (SIGKILL) again and again in the middle of checkouts, invitation acceptances
/// and customer creations, and started again. Afterwards: no partial order, no accepted-but-unlisted reseller, no spent
/// code without its customer, every committed outbox message delivered, and a retry of each interrupted request
/// makes its order or customer exactly once. <c>GCCSAAS_FAULT_KILLS</c> sets how many kills (build/soak.sh: many).
/// </summary>
public sealed class HostKillTests(HostKillFixture fixture, ITestOutputHelper output) : IClassFixture<HostKillFixture>
{
    private const string Contoso = HostKillFixture.Contoso;

    private static readonly string[] InvitationSweeps = [InvitationExpirySweepJob.Name, InvitationReminderSweepJob.Name];

    private const string AcceptedSql = "SELECT count(*) FROM relationships.invitations WHERE kind = 'Partnership' AND status = 'Accepted'";

    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("GCCSAAS_FAULT_KILLS"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var kills) && kills > 0
            ? Math.Min(kills, 500)
            : 3;

    [Fact]
    public async Task R_PC_2_R_PC_8_R_REL_2_SIGKILL_during_checkouts_acceptances_and_customer_creations_leaves_no_partial_state_and_loses_no_message()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var key = await fixture.ApiKeyAsync(Contoso);
        var random = new Random(18);
        var carts = new List<(Guid Customer, Guid Cart, Guid RequestId)>();
        var creations = new List<(Guid RequestId, object Body)>();
        var acceptances = 0;
        var interrupted = 0;
        var completed = 0;
        var committedUnanswered = new List<string>(); // "checkout", "creation", "acceptance": committed, never answered
        var latencies = new List<TimeSpan>(); // of the answered requests and of the first commits seen
        var killMoments = new List<string>();
        var acceptedAtStart = await fixture.ScalarAsync(fixture.ContosoId, AcceptedSql);
        await using var first = await HostProcess.StartAsync(fixture.Database, HostKillFixture.ProcessSettings);
        var host = first;
        var hosts = new List<HostProcess> { first };
        try
        {
            for (var round = 1; round <= Kills; round++)
            {
                // Arranged through the in-process host: customers with carts, invitees registered through their links.
                var roundCarts = new List<(Guid Customer, Guid Cart, Guid RequestId)>();
                for (var i = 0; i < 3; i++)
                {
                    var customer = await CustomerAsync(api);
                    roundCarts.Add((customer, await CartIdAsync(api, customer, Cart([Line("M365-E3", 2 + i), Line("O365-E3", 1)])), Guid.NewGuid()));
                }

                var invitees = new List<(PortalClient Session, string Path, string PartnerId)>();
                for (var i = 0; i < 2; i++)
                {
                    invitees.Add(await InviteeAsync(host));
                }

                var roundCreations = Enumerable.Range(0, 3).Select(i => (Guid.NewGuid(), (object)CustomerApi.Body(CustomerApi.NewDomain("kill"), $"City of Kill {round}-{i}", null, "GovernmentCommunityCloud", fixture.GccCode))).ToList();
                carts.AddRange(roundCarts);
                creations.AddRange(roundCreations);
                acceptances += invitees.Count;

                using var client = host.Client(key);
                var acceptedBefore = await fixture.ScalarAsync(fixture.ContosoId, AcceptedSql);
                var sent = Stopwatch.StartNew();
                var inflight = new List<Task<HttpStatusCode?>>();
                inflight.AddRange(roundCarts.Select(c => Outcome(() => CheckoutAsync(client, c.Customer, c.Cart, c.RequestId), sent, latencies)));
                inflight.AddRange(roundCreations.Select(c => Outcome(() => CustomerApi.CreateAsync(client, c.Item2, c.Item1), sent, latencies)));
                inflight.AddRange(invitees.Select(i => Outcome(async () =>
                {
                    var accepted = await i.Session.PostFormAsync(i.Path, i.Path + "?handler=Accept", Fields(("PartnerId", i.PartnerId), ("AuthorizeProvider", "true")));
                    return new HttpResponseMessage(accepted.Status);
                }, sent, latencies)));

                // The kill lands across the requests' life: odd rounds the moment the first of them is seen committed
                // (polled with the owner's connection), so the others are mid-commit and the committed one most likely
                // unanswered; even rounds at a random point in [0, 1.5 × the typical latency seen so far].
                if (round % 2 == 1)
                {
                    var seen = await FirstCommitAsync(roundCarts.Select(c => c.Cart).ToArray(), roundCreations.Select(c => c.Item1).ToArray(), acceptedBefore, Task.WhenAll(inflight));
                    if (seen is { } at)
                    {
                        lock (latencies)
                        {
                            latencies.Add(at);
                        }
                    }

                    killMoments.Add(seen is { } t ? $"first commit at {t.TotalMilliseconds:0} ms" : "no commit seen");
                }
                else
                {
                    var typical = Typical(latencies);
                    var moment = TimeSpan.FromMilliseconds(random.NextDouble() * 1.5 * typical.TotalMilliseconds);
                    killMoments.Add($"{moment.TotalMilliseconds:0} ms of typical {typical.TotalMilliseconds:0} ms");
                    await Task.WhenAny(Task.WhenAll(inflight), Task.Delay(moment));
                }

                host.Kill();
                var outcomes = await Task.WhenAll(inflight);
                interrupted += outcomes.Count(o => o is null);
                completed += outcomes.Count(o => o is not null);
                Assert.DoesNotContain(outcomes, o => o is { } status && (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);

                // Committed but never answered: the interesting case, where only the client's retry tells it the outcome.
                for (var i = 0; i < roundCarts.Count; i++)
                {
                    if (outcomes[i] is null && await fixture.ScalarAsync(fixture.ContosoId, "SELECT count(*) FROM ordering.orders WHERE cart_id = @c", ("c", roundCarts[i].Cart)) > 0)
                    {
                        committedUnanswered.Add("checkout");
                    }
                }

                for (var i = 0; i < roundCreations.Count; i++)
                {
                    if (outcomes[roundCarts.Count + i] is null && await fixture.ScalarAsync(fixture.ContosoId, "SELECT count(*) FROM customers.customers WHERE created_request_id = @r", ("r", roundCreations[i].Item1)) > 0)
                    {
                        committedUnanswered.Add("creation");
                    }
                }

                var acceptedInRound = await fixture.ScalarAsync(fixture.ContosoId, AcceptedSql) - acceptedBefore;
                var acceptancesAnswered = outcomes.Skip(roundCarts.Count + roundCreations.Count).Count(o => o is not null);
                for (var i = acceptancesAnswered; i < acceptedInRound; i++)
                {
                    committedUnanswered.Add("acceptance");
                }

                foreach (var (session, _, _) in invitees)
                {
                    session.Dispose();
                }

                host = await HostProcess.StartAsync(fixture.Database, HostKillFixture.ProcessSettings);
                hosts.Add(host);
            }

            // Every committed outbox message is delivered by the restarted host's sweep.
            var undelivered = await Eventually.UntilAsync(fixture.UndeliveredAsync, n => n == 0, TimeSpan.FromMinutes(4), "every outbox message to be delivered");

            var ordersBeforeRetry = await fixture.ScalarAsync(fixture.ContosoId, "SELECT count(*) FROM ordering.orders WHERE cart_id = ANY(@c)", ("c", carts.Select(c => c.Cart).ToArray()));
            var customersBeforeRetry = await fixture.ScalarAsync(fixture.ContosoId, "SELECT count(*) FROM customers.customers WHERE created_request_id = ANY(@r)", ("r", creations.Select(c => c.RequestId).ToArray()));
            var partnershipsBeforeRetry = await fixture.ScalarAsync(fixture.ContosoId, AcceptedSql) - acceptedAtStart;

            // A client retries what it never got an answer for: each cart is ordered once, each customer made once.
            // The retry carries the same MS-RequestId: what was committed is answered again (the stored answer, or
            // the handler's own replay by request id), never made a second time.
            using var retrier = host.Client(key);
            foreach (var (customer, cart, requestId) in carts)
            {
                var (status, text) = await RetryAsync(() => CheckoutAsync(retrier, customer, cart, requestId));
                Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"checkout retry {(int)status}: {text}");
                var order = await fixture.ScalarAsync(fixture.ContosoId, "SELECT count(*) FROM ordering.orders WHERE cart_id = @c AND position(id::text in @answer) > 0", ("c", cart), ("answer", text));
                Assert.True(order == 1, $"The checkout retry did not answer the stored order: {text}");
            }

            foreach (var (requestId, body) in creations)
            {
                var (status, text) = await RetryAsync(() => CustomerApi.CreateAsync(retrier, body, requestId));
                Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"creation retry {(int)status}: {text}");
                var same = await fixture.ScalarAsync(fixture.ContosoId, "SELECT count(*) FROM customers.customers WHERE created_request_id = @r AND position(customer_tenant_id::text in @answer) > 0", ("r", requestId), ("answer", text));
                Assert.True(same == 1, $"The creation retry did not answer the stored customer: {text}");
            }

            var id = fixture.ContosoId;
            var cartIds = carts.Select(c => c.Cart).ToArray();
            var ordersForRequests = await fixture.ScalarAsync(id, "SELECT count(*) FROM ordering.orders WHERE request_id = ANY(@r)", ("r", carts.Select(c => c.RequestId).ToArray()));
            var ordersPerCart = await fixture.ScalarAsync(id, "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM ordering.orders WHERE cart_id = ANY(@c) GROUP BY cart_id) x", ("c", cartIds));
            var ordered = await fixture.ScalarAsync(id, "SELECT count(*) FROM ordering.orders WHERE cart_id = ANY(@c)", ("c", cartIds));
            var partialOrders = await fixture.ScalarAsync(id, """
                SELECT count(*) FROM ordering.orders o
                WHERE (SELECT count(*) FROM ordering.order_line_items l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) = 0
                   OR (SELECT count(*) FROM ordering.order_line_items l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id)
                   <> (SELECT count(*) FROM ordering.subscriptions s WHERE s.tenant_id = o.tenant_id AND s.order_id = o.id)
                   OR NOT EXISTS (SELECT 1 FROM ordering.carts c WHERE c.tenant_id = o.tenant_id AND c.id = o.cart_id AND c.status = 'Ordered')
                """);
            var cartsWithoutOrder = await fixture.ScalarAsync(id, """
                SELECT count(*) FROM ordering.carts c
                WHERE c.status = 'Ordered' AND NOT EXISTS (SELECT 1 FROM ordering.orders o WHERE o.tenant_id = c.tenant_id AND o.cart_id = c.id)
                """);
            var codeUsesWithoutCustomer = await fixture.ScalarAsync(id, """
                SELECT count(*) FROM validation.validation_code_uses u
                WHERE u.validation_id = @code
                  AND NOT EXISTS (SELECT 1 FROM customers.customers c WHERE c.tenant_id = u.tenant_id AND c.customer_tenant_id = u.customer_tenant_id)
                """, ("code", fixture.GccCode));
            var codeCountDrift = await fixture.ScalarAsync(id, """
                SELECT (max_creates - remaining_creates) - (SELECT count(*) FROM validation.validation_code_uses u WHERE u.tenant_id = v.tenant_id AND u.validation_id = v.validation_id)
                FROM validation.validation_codes v WHERE v.validation_id = @code
                """, ("code", fixture.GccCode));
            var gccCustomersWithoutUse = await fixture.ScalarAsync(id, """
                SELECT count(*) FROM customers.customer_qualifications q
                JOIN customers.customers c ON c.customer_tenant_id = q.customer_tenant_id
                WHERE q.validation_code = @code
                  AND NOT EXISTS (SELECT 1 FROM validation.validation_code_uses u WHERE u.tenant_id = c.tenant_id AND u.customer_tenant_id = c.customer_tenant_id)
                """, ("code", fixture.GccCode));
            var customersPerRequest = await fixture.ScalarAsync(id, "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM customers.customers WHERE created_request_id = ANY(@r) GROUP BY created_request_id) x", ("r", creations.Select(c => c.RequestId).ToArray()));
            var customersMade = await fixture.ScalarAsync(id, "SELECT count(*) FROM customers.customers WHERE created_request_id = ANY(@r)", ("r", creations.Select(c => c.RequestId).ToArray()));
            var acceptedButUnlisted = await fixture.ScalarAsync(id, """
                SELECT count(*) FROM relationships.invitations i
                WHERE i.kind = 'Partnership' AND i.status = 'Accepted'
                  AND NOT EXISTS (SELECT 1 FROM relationships.partnerships p WHERE p.tenant_id = i.tenant_id AND p.id = i.partnership_id AND p.status = 'Active'
                                  AND EXISTS (SELECT 1 FROM identity.memberships m WHERE m.tenant_id = p.tenant_id AND m.reseller_organisation_id = p.reseller_organisation_id))
                """);
            var listedButNotAccepted = await fixture.ScalarAsync(id, """
                SELECT count(*) FROM relationships.partnerships p
                WHERE p.status = 'Active' AND p.invitation_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM relationships.invitations i WHERE i.tenant_id = p.tenant_id AND i.id = p.invitation_id AND i.status = 'Accepted')
                """);
            var serverErrorsLogged = hosts.Sum(h => System.Text.RegularExpressions.Regex.Count(h.Output, @"\bfail: Microsoft\.AspNetCore\.(Diagnostics|Server)"));
            var figures = $"{Kills} kills survived ({completed} requests answered before the kill, {interrupted} cut off: {carts.Count} checkouts, {acceptances} acceptances, {creations.Count} customer creations in all; committed at the kill: {ordersBeforeRetry} orders, {customersBeforeRetry} customers, {partnershipsBeforeRetry} acceptances; "
                + $"committed but never answered: {committedUnanswered.Count} ({committedUnanswered.Count(c => c == "checkout")} checkouts, {committedUnanswered.Count(c => c == "creation")} creations, {committedUnanswered.Count(c => c == "acceptance")} acceptances), each answered by its retry with the stored order or customer; kill moments: {string.Join("; ", killMoments)}); "
                + $"{partialOrders} partial orders, {cartsWithoutOrder} ordered carts without order, {ordered} orders for {carts.Count} carts (max {ordersPerCart} per cart), "
                + $"{customersMade} customers for {creations.Count} creations (max {customersPerRequest} per request), {codeUsesWithoutCustomer} code uses without customer, {gccCustomersWithoutUse} GCC customers without a code use, "
                + $"{acceptedButUnlisted} accepted-but-unlisted resellers, {listedButNotAccepted} partnerships without accepted invitation, {undelivered} outbox messages undelivered after restart";
            output.WriteLine(figures);
            ConcurrencyReport.Record("SIGKILL of the host during checkouts, acceptances and customer creations", figures, "faults.json");

            Assert.Equal(0L, partialOrders);
            Assert.Equal(0L, cartsWithoutOrder);
            Assert.Equal((long)carts.Count, ordered);
            Assert.Equal(1L, ordersPerCart);
            Assert.Equal((long)carts.Count, ordersForRequests);
            if (Kills >= 6)
            {
                // Proof that the kill landed between a commit and its answer at least once (not only before or after both).
                Assert.True(committedUnanswered.Count > 0, "No request was committed but unanswered at its kill: " + figures);
            }

            Assert.Equal(0L, codeUsesWithoutCustomer);
            Assert.Equal(0L, codeCountDrift);
            Assert.Equal(0L, gccCustomersWithoutUse);
            Assert.Equal((long)creations.Count, customersMade);
            Assert.Equal(1L, customersPerRequest);
            Assert.Equal(0L, acceptedButUnlisted);
            Assert.Equal(0L, listedButNotAccepted);
            Assert.Equal(0L, undelivered);
        }
        catch
        {
            // A failure names its cause: the hosts' error lines (an unhandled exception's log entry and its stack).
            foreach (var line in hosts.SelectMany(h => h.Output.Split('\n')).Where(l => l.Contains("fail: ", StringComparison.Ordinal) || l.Contains("crit: ", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).Take(300))
            {
                output.WriteLine(line);
            }

            throw;
        }
        finally
        {
            foreach (var started in hosts.Skip(1))
            {
                await started.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task R_REL_7_three_hosts_with_the_job_runner_one_killed_every_due_invitation_expires_once_and_every_reminder_is_sent_once()
    {
        // Six partnership invitations of contoso: three past their expiry, three at the 7-day reminder point.
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var due = new List<Guid>();
        var remind = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var (_, page) = await sales.RequestAsync(PartnershipJourneys.NewEmail(), Contoso);
            (i % 2 == 0 ? due : remind).Add(PartnershipJourneys.DraftInvitationId(page.Html));
        }

        var id = fixture.ContosoId;
        var expiredBefore = await fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' AND payload->>'kind' = 'InvitationExpired'");
        var remindedBefore = await fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' AND payload->>'kind' = 'InvitationReminder'");
        await fixture.ScalarAsync(id, """
            UPDATE relationships.invitations SET created_at = now() - interval '31 days', expires_at = now() - interval '1 hour' WHERE id = ANY(@due);
            UPDATE relationships.invitations SET created_at = now() - interval '23 days 1 hour', expires_at = now() + interval '6 days 23 hours' WHERE id = ANY(@remind);
            SELECT 0
            """, ("due", due.ToArray()), ("remind", remind.ToArray()));

        // Three hosts sweep (every minute: the scheduler is minute-granular); the first is killed shortly after they start.
        var settings = new Dictionary<string, string?>(HostKillFixture.ProcessSettings) { ["Relationships:SweepInterval"] = "00:00:01" };
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => HostProcess.StartAsync(fixture.Database, settings)));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            hosts[0].Kill();
            var expired = await Eventually.UntilAsync(
                () => fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Expired' AND expired_at IS NOT NULL AND id = ANY(@d)", ("d", due.ToArray())),
                n => n == due.Count, TimeSpan.FromMinutes(4), "the due invitations to expire");
            await Eventually.UntilAsync(
                () => fixture.ScalarAsync(id, "SELECT count(DISTINCT invitation_id) FROM relationships.invitation_reminders WHERE days_before = 7 AND invitation_id = ANY(@r)", ("r", remind.ToArray())),
                n => n == remind.Count, TimeSpan.FromMinutes(4), "the reminders to be sent");
            // The two live hosts sweep once more: nothing may happen twice. Each sweep is run once more now (as the
            // dashboard's "Trigger now" does; only the live hosts run a server) instead of waiting a minute and more
            // for its next occurrence, and each run must have ended in success before anything is counted.
            foreach (var sweep in InvitationSweeps)
            {
                var again = await HangfireTestJobs.OutcomeAsync(fixture.Factory, HangfireTestJobs.Trigger(fixture.Factory, sweep), TimeSpan.FromMinutes(4));
                Assert.True(again.State == SucceededState.StateName, $"The further run of {sweep} by a live host ended {again.State}: {again.Reason}");
            }

            var reminderRows = await fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.invitation_reminders WHERE invitation_id = ANY(@r)", ("r", remind.ToArray()));
            var duplicateReminders = await fixture.ScalarAsync(id, "SELECT count(*) - count(DISTINCT (invitation_id, days_before)) FROM relationships.invitation_reminders WHERE invitation_id = ANY(@r) OR invitation_id = ANY(@d)", ("r", remind.ToArray()), ("d", due.ToArray()));
            var expiryMessages = await fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' AND payload->>'kind' = 'InvitationExpired'") - expiredBefore;
            var reminderMessages = await fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' AND payload->>'kind' = 'InvitationReminder'") - remindedBefore;
            var allReminderRows = await fixture.ScalarAsync(id, "SELECT count(*) FROM relationships.invitation_reminders WHERE invitation_id = ANY(@r) OR invitation_id = ANY(@d)", ("r", remind.ToArray()), ("d", due.ToArray()));
            var undelivered = await Eventually.UntilAsync(fixture.UndeliveredAsync, n => n == 0, TimeSpan.FromMinutes(4), "every outbox message to be delivered");
            var figures = $"3 hosts sweeping every second, one killed: {expired} of {due.Count} due invitations expired with {expiryMessages} expiry notices; {reminderRows} reminders for {remind.Count} invitations at the 7-day point with {reminderMessages} reminder notices ({allReminderRows} reminder rows in all, {duplicateReminders} duplicates); {undelivered} messages undelivered";
            output.WriteLine(figures);
            ConcurrencyReport.Record("three hosts with the job runner, one killed", figures, "faults.json");

            Assert.Equal((long)due.Count, expired);
            Assert.Equal((long)due.Count, expiryMessages);
            Assert.Equal((long)remind.Count, reminderRows);
            Assert.Equal(0L, duplicateReminders);
            Assert.Equal(allReminderRows, reminderMessages);
            Assert.Equal(0L, undelivered);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>The status a request got, or null when the kill cut it off (connection reset, no answer).</summary>
    private static async Task<HttpStatusCode?> Outcome(Func<Task<HttpResponseMessage>> send, Stopwatch sent, List<TimeSpan> latencies)
    {
        try
        {
            using var response = await send();
            lock (latencies)
            {
                latencies.Add(sent.Elapsed);
            }

            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>The median of what was seen so far (answers and first commits); 1 s before anything was seen.</summary>
    private static TimeSpan Typical(List<TimeSpan> latencies)
    {
        lock (latencies)
        {
            return latencies.Count == 0 ? TimeSpan.FromSeconds(1) : latencies.Order().ElementAt(latencies.Count / 2);
        }
    }

    /// <summary>Polls (owner's connection) until one of the round's orders, customers or acceptances is committed; null when all answered first.</summary>
    private async Task<TimeSpan?> FirstCommitAsync(Guid[] carts, Guid[] requestIds, long acceptedBefore, Task allAnswered)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.Database.OwnerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(fixture.ContosoId) + $"""
            SELECT (SELECT count(*) FROM ordering.orders WHERE cart_id = ANY(@c))
                 + (SELECT count(*) FROM customers.customers WHERE created_request_id = ANY(@r))
                 + ({AcceptedSql}) - @a
            """, connection);
        command.Parameters.AddWithValue("c", carts);
        command.Parameters.AddWithValue("r", requestIds);
        command.Parameters.AddWithValue("a", acceptedBefore);
        while (!allAnswered.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return clock.Elapsed;
            }
        }

        return null;
    }

    /// <summary>Sends until the answer is final: a 409 request_in_progress (a dead host's claim, not yet stale) or a 503 is retried.</summary>
    private static async Task<(HttpStatusCode Status, string Text)> RetryAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            var again = response.StatusCode == HttpStatusCode.ServiceUnavailable
                || (response.StatusCode == HttpStatusCode.Conflict && text.Contains("request_in_progress", StringComparison.Ordinal));
            if (!again || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                return (response.StatusCode, text);
            }

            await Task.Delay(500);
        }
    }

    private static async Task<Guid> CustomerAsync(HttpClient api)
    {
        var id = await CustomerApi.CreatedIdAsync(api, CustomerApi.Body(CustomerApi.NewDomain("k"), "Kill Widgets"));
        using var recorded = await api.PostAsJsonAsync(new Uri($"/v1/customers/{id}/agreements", UriKind.Relative), SecurityFixture.AgreementBody());
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>A new reseller organisation, a partnership link for it (R-REL-1) and its invitee, signed in at the process host.</summary>
    private async Task<(PortalClient Session, string Path, string PartnerId)> InviteeAsync(HostProcess host)
    {
        var (_, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var email = PartnershipJourneys.NewEmail();
        var (path, _) = await sales.RequestAsync(email, Contoso);
        using (var visitor = new PortalClient(fixture.Factory))
        {
            var registered = await visitor.PostFormAsync(path, path + "?handler=Register",
                Fields(("DisplayName", "Pat Reseller"), ("Password", PartnershipJourneys.Password), ("ConfirmPassword", PartnershipJourneys.Password)));
            Assert.True(registered.Status == HttpStatusCode.Redirect, $"Registering answered {(int)registered.Status}.");
        }

        var session = new PortalClient(host.Client(cookies: true));
        var signedIn = await session.SignInAsync(email, PartnershipJourneys.Password);
        Assert.True(signedIn.Status == HttpStatusCode.Redirect, $"Signing in at the process host answered {(int)signedIn.Status}.");
        return (session, path, partnerId);
    }
}
