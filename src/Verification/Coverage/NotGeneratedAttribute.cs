namespace FluentNets.Verification;

/// <summary>
/// Declares that the generators deliberately never produce <see cref="Kind"/>, and why; put it on
/// the stage closest to the kind, or on <see cref="GeneratedKinds"/>. A coverage test accepts a
/// kind refused this way as it accepts a generated one.
/// </summary>
/// <param name="kind">The layer spec or activation type not produced.</param>
/// <param name="reason">Why not, in one sentence.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NotGeneratedAttribute(Type kind, string reason) : Attribute
{
    /// <summary>The layer spec or activation type not produced.</summary>
    public Type Kind { get; } = kind;

    /// <summary>Why the generators leave it out.</summary>
    public string Reason { get; } = reason;
}
