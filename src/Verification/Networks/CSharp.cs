using System.Globalization;

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

    public static string Activation(Activation activation) => $"Activation.{activation}";

    public static string Double(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Name(string? name) => name is null ? "" : $", name: \"{name}\"";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
