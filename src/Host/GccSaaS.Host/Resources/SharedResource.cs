namespace GccSaaS.Host.Resources;

/// <summary>Marker for the shell's shared texts (Resources/SharedResource.*.resx).</summary>
internal sealed class SharedResource;
