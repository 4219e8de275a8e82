namespace GccSaaS.Modules.Validation.Resources;

/// <summary>The Validation module's texts (en, de, fr, es) for its pages.</summary>
internal sealed class ValidationResource
{
    private ValidationResource()
    {
    }
}
