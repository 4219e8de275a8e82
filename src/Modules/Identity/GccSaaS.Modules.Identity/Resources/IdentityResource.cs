namespace GccSaaS.Modules.Identity.Resources;

/// <summary>Marker for the identity area's texts (Resources/IdentityResource.*.resx): sign-in, users, API keys, invitations.</summary>
internal sealed class IdentityResource;
