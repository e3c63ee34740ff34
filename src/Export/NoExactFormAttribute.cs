namespace FluentNets.Export;

/// <summary>
/// Declares, on an exporter's class for one layer kind, that the target has no exact form for some or all
/// of that kind's configurations, and why: the exporter refuses those with an <see cref="ExportException"/>
/// naming the layer rather than writing a model that computes something else.
/// </summary>
/// <param name="reason">What the target lacks, in one sentence.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class NoExactFormAttribute(string reason) : Attribute
{
    /// <summary>What the target lacks.</summary>
    public string Reason { get; } = reason;
}
