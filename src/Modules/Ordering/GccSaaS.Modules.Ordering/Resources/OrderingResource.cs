namespace GccSaaS.Modules.Ordering.Resources;

/// <summary>The Ordering module's texts (en, de, fr, es) for its pages and refusals.</summary>
internal sealed class OrderingResource
{
    private OrderingResource()
    {
    }
}
