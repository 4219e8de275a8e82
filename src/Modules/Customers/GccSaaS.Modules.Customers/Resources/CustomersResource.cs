namespace GccSaaS.Modules.Customers.Resources;

/// <summary>The Customers module's texts (en, de, fr, es) for its pages.</summary>
internal sealed class CustomersResource
{
    private CustomersResource()
    {
    }
}
