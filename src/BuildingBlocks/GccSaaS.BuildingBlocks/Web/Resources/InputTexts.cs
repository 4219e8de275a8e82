namespace GccSaaS.BuildingBlocks.Web.Resources;

/// <summary>The input gate's messages in the portal's languages (en, de, fr, es).</summary>
public sealed class InputTexts
{
    private InputTexts()
    {
    }
}
