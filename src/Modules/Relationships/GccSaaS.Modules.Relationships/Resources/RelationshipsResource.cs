using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Resources;

/// <summary>The Relationships module's texts (en, de, fr, es) for its pages, drafts and refusals.</summary>
internal sealed class RelationshipsResource
{
    private RelationshipsResource()
    {
    }
}

/// <summary>Refusal texts in the caller's language, from <see cref="RelationshipsResource"/>.</summary>
internal sealed class RelationshipTexts(IStringLocalizer<RelationshipsResource> l) : IRelationshipTexts
{
    public string Get(string key, params object[] arguments) => l[key, arguments].Value;
}
