using System.Text.Json.Serialization;
using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.Modules.Ordering.Features.Carts;

/// <summary>
/// R-ORD-2, R-PC-8: a cart as Partner Center's <c>Cart</c> takes it — line items (offer, quantity, term, billing
/// cycle) and the partner-of-record attestation — plus the transacting reseller's PartnerID at cart level
/// (Partner Center's <c>transaction_reseller</c> participant; absent: the customer's reseller). The body of
/// <c>POST</c> and <c>PUT …/carts</c> as it is, and what the portal's Add products form turns into.
/// </summary>
internal sealed record CartRequest(
    IReadOnlyList<CartLineItemRequest>? LineItems,
    bool? PartnerOnRecordAttestationAccepted,
    string? ResellerPartnerId)
{
    public const int MaxLineItems = 50;

    public const int MaxQuantity = 100_000;

    [JsonIgnore]
    public IReadOnlyList<CartLineItemRequest> Lines => LineItems ?? [];

    /// <summary>The reseller's PartnerID, trimmed; null when none is named.</summary>
    [JsonIgnore]
    public string? Reseller => string.IsNullOrWhiteSpace(ResellerPartnerId) ? null : ResellerPartnerId.Trim();

    /// <summary>The input rules: shape only; what the catalogue and the customer say is checked at checkout.</summary>
    public IEnumerable<ValidationFailure> Validate()
    {
        if (Lines.Count > MaxLineItems)
        {
            yield return new("lineItems", "too_many", $"A cart holds at most {MaxLineItems} line items.");
        }

        if (Reseller is { } reseller && (reseller.Length > 20 || !reseller.All(char.IsAsciiDigit)))
        {
            yield return new("resellerPartnerId", "invalid", "The reseller's PartnerID is its MPN ID: digits only.");
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            var prefix = $"lineItems[{i}].";
            if (line is null)
            {
                yield return new($"lineItems[{i}]", "required", "A line item is an object.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.CatalogItemId) || line.CatalogItemId.Trim().Length > 40)
            {
                yield return new(prefix + "catalogItemId", "required", "Give the offer's id (catalogItemId).");
            }

            if (line.Quantity is not { } quantity || quantity < 1 || quantity > MaxQuantity)
            {
                yield return new(prefix + "quantity", "out_of_range", $"The quantity is a whole number from 1 to {MaxQuantity}.");
            }

            if (!TermDurations.All.Contains(line.TermDuration?.Trim().ToUpperInvariant() ?? string.Empty))
            {
                yield return new(prefix + "termDuration", "invalid", "The term is P1M, P1Y or P3Y.");
            }

            if (BillingCycles.Normalize(line.BillingCycle) is null)
            {
                yield return new(prefix + "billingCycle", "invalid", "The billing cycle is Monthly, Annual or Triennial.");
            }
        }
    }
}

internal sealed record CartLineItemRequest(string? CatalogItemId, int? Quantity, string? TermDuration, string? BillingCycle)
{
    [JsonIgnore]
    public string OfferId => CatalogItemId?.Trim() ?? string.Empty;

    [JsonIgnore]
    public string Term => TermDuration?.Trim().ToUpperInvariant() ?? string.Empty;

    [JsonIgnore]
    public string Cycle => BillingCycles.Normalize(BillingCycle) ?? string.Empty;
}
