using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>The portal's Add products flow as a browser drives it: the cart form, the review, Buy and Cancel.</summary>
public static partial class AddProductsPages
{
    public const string Contoso = OrderingFixture.Contoso;

    /// <summary>The demo's customers of Adatum Reseller (Customers demo seed): validated for GCC with the agreement, and neither.</summary>
    public static readonly Guid RentonWater = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c02");
    public static readonly Guid LucernePublishing = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c03");

    public static string CustomerPath(Guid customer) => $"/{Contoso}/customers/{customer}";

    public static string NewCartPath(Guid customer) => CustomerPath(customer) + "/subscriptions/new";

    /// <summary>
    /// Opens Add products, fills the lines (offer, licences, plan), the attestation and (provider users) the reseller choice,
    /// and posts Review: answers the response (a redirect to the review when the cart was saved).
    /// </summary>
    public static async Task<PortalResponse> SubmitCartAsync(
        PortalClient portal, Guid customer, (string Offer, int Quantity, string Plan)[] lines, bool attested = true, string? reseller = null, string? otherPartnerId = null)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(lines);
        var form = await portal.GetAsync(NewCartPath(customer));
        Assert.True(form.Status == HttpStatusCode.OK, $"Add products answered {(int)form.Status}.");
        var fields = new List<(string Name, string Value)> { ("Form.CartId", CartIdOf(form.Html)) };
        for (var i = 0; i < lines.Length; i++)
        {
            fields.Add(($"Form.Lines[{i}].OfferId", lines[i].Offer));
            fields.Add(($"Form.Lines[{i}].Quantity", lines[i].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(($"Form.Lines[{i}].Plan", lines[i].Plan));
        }

        if (attested)
        {
            fields.Add(("Form.Attested", "true"));
        }

        if (reseller is not null)
        {
            fields.Add(("Form.Reseller", reseller));
        }

        if (otherPartnerId is not null)
        {
            fields.Add(("Form.OtherPartnerId", otherPartnerId));
        }

        var token = PortalClient.AntiforgeryToken(form.Html) ?? throw new InvalidOperationException("Add products shows no form token.");
        return await portal.PostWithTokenAsync(NewCartPath(customer) + "?handler=Review", token, PortalClient.Fields([.. fields]));
    }

    /// <summary>Submits the cart and answers the review's path (asserting the redirect to it).</summary>
    public static async Task<string> ReviewPathAsync(PortalClient portal, Guid customer, (string Offer, int Quantity, string Plan)[] lines, bool attested = true, string? reseller = null)
    {
        var response = await SubmitCartAsync(portal, customer, lines, attested, reseller);
        Assert.True(response.Status == HttpStatusCode.Redirect, $"Review answered {(int)response.Status}: {PortalClient.TextOf(response.Html, "input-errors")}");
        var location = response.Location ?? string.Empty;
        Assert.Matches($"^{Regex.Escape(CustomerPath(customer))}/subscriptions/carts/[0-9a-f-]{{36}}$", location);
        return location;
    }

    public static Guid CartOf(string reviewPath) => Guid.Parse(reviewPath[(reviewPath.LastIndexOf('/') + 1)..]);

    /// <summary>Presses Buy on the review (with the form's submission id, or <paramref name="submissionId"/>).</summary>
    public static async Task<PortalResponse> BuyAsync(PortalClient portal, string reviewPath, Guid? submissionId = null)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var review = await portal.GetAsync(reviewPath);
        var token = PortalClient.AntiforgeryToken(review.Html) ?? throw new InvalidOperationException("The review shows no form token.");
        var shown = SubmissionIdPattern().Match(review.Html);
        var id = submissionId?.ToString() ?? (shown.Success ? shown.Groups[1].Value : Guid.NewGuid().ToString());
        return await portal.PostWithTokenAsync(reviewPath + "?handler=Buy", token, PortalClient.Fields(("submissionId", id)));
    }

    /// <summary>The problem codes the review lists, in order.</summary>
    public static IReadOnlyList<string> ProblemCodes(string html) =>
        [.. ProblemPattern().Matches(html).Select(m => m.Groups[1].Value)];

    public static string CartIdOf(string html) => CartIdPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("""name="Form.CartId" value="([0-9a-f-]{36})""")]
    private static partial Regex CartIdPattern();

    [GeneratedRegex("""name="submissionId" value="([0-9a-f-]{36})""")]
    private static partial Regex SubmissionIdPattern();

    [GeneratedRegex("""<li data-code="([a-z_]+)""")]
    private static partial Regex ProblemPattern();
}
