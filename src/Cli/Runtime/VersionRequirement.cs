namespace FluentNets.Cli.Runtime;

/// <summary>How a shared library asks for one symbol version of another library.</summary>
public enum VersionRequirement
{
    /// <summary>The library does not ask for the version.</summary>
    None,

    /// <summary>The loader refuses the library when the version is missing.</summary>
    Strict,

    /// <summary>The requirement carries VER_FLG_WEAK: the loader lets a missing version pass.</summary>
    Weak,
}
