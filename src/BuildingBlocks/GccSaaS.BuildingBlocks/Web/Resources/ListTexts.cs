namespace GccSaaS.BuildingBlocks.Web.Resources;

/// <summary>The list tools' and breadcrumbs' words in the portal's languages (en, de, fr, es).</summary>
public sealed class ListTexts
{
    private ListTexts()
    {
    }
}
