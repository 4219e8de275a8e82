namespace GccSaaS.Modules.Customers.Domain;

/// <summary>R-CUS-4, R-PC-6: the agreement types a provider attests (Partner Center's <c>type</c>).</summary>
internal static class CustomerAgreementTypes
{
    public const string MicrosoftCustomerAgreement = "MicrosoftCustomerAgreement";

    public static readonly IReadOnlyList<string> All = [MicrosoftCustomerAgreement];
}
