namespace GccSaaS.Modules.Partners.Resources;

/// <summary>The Partners module's texts (en, de, fr, es) for its pages.</summary>
internal sealed class PartnersResource
{
    private PartnersResource()
    {
    }
}
