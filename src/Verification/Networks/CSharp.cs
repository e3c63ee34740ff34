using System.Globalization;
using FluentNets.Activations;

namespace FluentNets.Verification;

/// <summary>Values as C# source, so a generated network prints as the fluent calls that build it.</summary>
internal static class CSharp
{
    public static string Size(Size2 size) => size.IsSquare ? Int(size.H) : $"({Int(size.H)}, {Int(size.W)})";

    public static string Pad(Padding padding) => padding switch
    {
        SamePadding => "Padding.Same",
        ExplicitPadding e => $"Padding.Explicit({e.Top}, {e.Bottom}, {e.Left}, {e.Right})",
        _ => "Padding.Valid",
    };

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// The activation as the expression a user writes: a named shorthand (<c>Activation.Relu6</c>,
    /// <c>Activation.GeluTanh</c>) or a shorthand <c>with</c> the arguments that differ from its defaults.
    /// </summary>
    public static string Activation(Activation activation) => activation switch
    {
        Linear => "Activation.None",
        Relu { IsPlain: true } => "Activation.Relu",
        Relu { MaxValue: 6, IsClipped: true } => "Activation.Relu6",
        Relu r => $"Activation.Relu with {{ {Arguments(
            (r.MaxValue is double max ? Double(max) : null, nameof(r.MaxValue)),
            (r.NegativeSlope != 0 ? Double(r.NegativeSlope) : null, nameof(r.NegativeSlope)),
            (r.Threshold != 0 ? Double(r.Threshold) : null, nameof(r.Threshold)))} }}",
        LeakyRelu { Alpha: null } => "Activation.LeakyRelu",
        LeakyRelu l => $"Activation.LeakyRelu with {{ Alpha = {Double(l.Alpha!.Value)} }}",
        Gelu { Approximate: true } => "Activation.GeluTanh",
        Elu e when e.Alpha != 1 => $"Activation.Elu with {{ Alpha = {Double(e.Alpha)} }}",
        _ => $"Activation.{activation.GetType().Name}",
    };

    /// <summary>The shortest text that reads back as the same double: <c>0.25</c>, <c>6</c>, <c>1E-06</c>.</summary>
    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A <c>double[]</c> literal: <c>new double[] { 0.5, 2 }</c>.</summary>
    public static string Doubles(IEnumerable<double> values) => $"new double[] {{ {string.Join(", ", values.Select(Double))} }}";

    /// <summary>A double that reads back as itself (<c>1.001E-05</c>).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Name(string? name) => name is null ? "" : $", name: \"{name}\"";

    private static string Arguments(params (string? Value, string Name)[] arguments) =>
        string.Join(", ", arguments.Where(a => a.Value is not null).Select(a => $"{a.Name} = {a.Value}"));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
