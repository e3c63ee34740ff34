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

    public static string Activation(Activation activation) => activation switch
    {
        Linear => "Activation.None",
        Relu { IsPlain: true } => "Activation.Relu",
        Relu r => $"Activation.Relu with {{ MaxValue = {(r.MaxValue is double max ? Double(max) : "null")}, NegativeSlope = {Double(r.NegativeSlope)}, Threshold = {Double(r.Threshold)} }}",
        LeakyRelu { Alpha: null } => "Activation.LeakyRelu",
        LeakyRelu l => $"Activation.LeakyRelu with {{ Alpha = {Double(l.Alpha!.Value)} }}",
        Gelu { Approximate: true } => "Activation.GeluTanh",
        Elu e when e.Alpha != 1 => $"Activation.Elu with {{ Alpha = {Double(e.Alpha)} }}",
        _ => $"Activation.{activation.GetType().Name}",
    };

    public static string Double(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A double that reads back as itself (<c>1.001E-05</c>).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Name(string? name) => name is null ? "" : $", name: \"{name}\"";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
