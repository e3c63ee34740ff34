namespace System.Runtime.CompilerServices;

/// <summary>Lets the linked DSL records use init accessors on netstandard2.0.</summary>
internal static class IsExternalInit
{
}
