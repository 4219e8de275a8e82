namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, which Roslyn needs of a generator (the type is in .NET 5 and later).</summary>
internal static class IsExternalInit;
