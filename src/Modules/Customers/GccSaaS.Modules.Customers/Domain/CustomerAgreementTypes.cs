namespace GccSaaS.Modules.Customers.Domain;

/// <summary>
/// R-CUS-4, R-PC-6: the agreement types a provider attests (Partner Center's <c>type</c>) and their metadata as
/// <c>GET /v1/agreements</c> serves it (Partner Center's template id and link of the Microsoft Customer Agreement).
/// </summary>
internal static class CustomerAgreementTypes
{
    public const string MicrosoftCustomerAgreement = "MicrosoftCustomerAgreement";

    /// <summary>Partner Center's other agreement type: known (so a query for it is not refused), never recorded here.</summary>
    public const string MicrosoftCloudAgreement = "MicrosoftCloudAgreement";

    /// <summary>Partner Center's template id of the Microsoft Customer Agreement (get-customer-agreement-metadata).</summary>
    public const string MicrosoftCustomerAgreementTemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9";

    public const string MicrosoftCustomerAgreementLink = "https://aka.ms/customeragreement";

    public static readonly IReadOnlyList<string> All = [MicrosoftCustomerAgreement];

    public static string? TemplateIdOf(string agreementType) =>
        agreementType == MicrosoftCustomerAgreement ? MicrosoftCustomerAgreementTemplateId : null;

    public static string? LinkOf(string agreementType) =>
        agreementType == MicrosoftCustomerAgreement ? MicrosoftCustomerAgreementLink : null;
}
