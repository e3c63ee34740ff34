namespace FluentNets.Backends.Reference;

/// <summary>The floating-point type the reference backend computes in.</summary>
public enum Precision
{
    /// <summary>Single precision, what the TorchSharp backend computes in.</summary>
    Float32,

    /// <summary>Double precision, to tell rounding from a wrong formula.</summary>
    Float64,
}
