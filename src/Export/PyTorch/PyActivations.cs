using System.Globalization;
using FluentNets.Activations;

namespace FluentNets.Export.PyTorch;

/// <summary>
/// Every kind of <see cref="Activation"/> in PyTorch: the module a layer of its own becomes
/// (<c>nn.Hardswish()</c>) and the call a fused one becomes (<c>F.hardswish(x)</c>).
/// </summary>
internal static class PyActivations
{
    private static readonly Dictionary<Type, Func<Activation, (string Module, Func<string, string> Call)>> Table = new()
    {
        [typeof(Linear)] = _ => ("nn.Identity()", x => x),
        [typeof(Relu)] = a => Relu((Relu)a),
        [typeof(LeakyRelu)] = a => ($"nn.LeakyReLU({Number(((LeakyRelu)a).Slope)})", x => $"F.leaky_relu({x}, {Number(((LeakyRelu)a).Slope)})"),
        [typeof(Sigmoid)] = _ => ("nn.Sigmoid()", x => $"torch.sigmoid({x})"),
        [typeof(Tanh)] = _ => ("nn.Tanh()", x => $"torch.tanh({x})"),
        [typeof(Softmax)] = _ => ("nn.Softmax(dim=1)", x => $"F.softmax({x}, 1)"),
        [typeof(Silu)] = _ => ("nn.SiLU()", x => $"F.silu({x})"),
        [typeof(Gelu)] = a => ((Gelu)a).Approximate
            ? ("nn.GELU(approximate=\"tanh\")", x => $"F.gelu({x}, approximate=\"tanh\")")
            : ("nn.GELU()", x => $"F.gelu({x})"),
        [typeof(HardSigmoid)] = _ => ("nn.Hardsigmoid()", x => $"F.hardsigmoid({x})"),
        [typeof(HardSwish)] = _ => ("nn.Hardswish()", x => $"F.hardswish({x})"),
        [typeof(Elu)] = a => ($"nn.ELU({Number(((Elu)a).Alpha)})", x => $"F.elu({x}, {Number(((Elu)a).Alpha)})"),
        [typeof(Selu)] = _ => ("nn.SELU()", x => $"F.selu({x})"),
        [typeof(Softplus)] = _ => ("nn.Softplus()", x => $"F.softplus({x})"),
        [typeof(Softsign)] = _ => ("nn.Softsign()", x => $"F.softsign({x})"),
        [typeof(Mish)] = _ => ("nn.Mish()", x => $"F.mish({x})"),
    };

    /// <summary>The kinds of activation exported.</summary>
    public static IEnumerable<Type> Kinds => Table.Keys;

    /// <summary>The module of an activation layer, <c>nn.ReLU6()</c>.</summary>
    /// <exception cref="ExportException">The activation has no PyTorch form.</exception>
    public static string Module(Activation function, string layer) => Entry(function, layer).Module;

    /// <summary>The call that applies a fused activation to the expression <paramref name="x"/>.</summary>
    /// <exception cref="ExportException">The activation has no PyTorch form.</exception>
    public static string Call(Activation function, string x, string layer) => Entry(function, layer).Call(x);

    private static (string Module, Func<string, string> Call) Entry(Activation function, string layer) =>
        Table.TryGetValue(function.GetType(), out var entry)
            ? entry(function)
            : throw new ExportException($"{layer}: cannot export activation {function.KerasName} to PyTorch.");

    /// <summary>ReLU, ReLU6, a hardtanh from 0 for another cap, a leaky ReLU for a slope alone, or Keras's full form (<c>KerasReLU</c> in model.py).</summary>
    private static (string Module, Func<string, string> Call) Relu(Relu a)
    {
        if (a.IsPlain)
        {
            return ("nn.ReLU()", x => $"F.relu({x})");
        }

        if (a.IsClipped)
        {
            return a.MaxValue == 6
                ? ("nn.ReLU6()", x => $"F.relu6({x})")
                : ($"nn.Hardtanh(0.0, {Number(a.MaxValue!.Value)})", x => $"F.hardtanh({x}, 0.0, {Number(a.MaxValue!.Value)})");
        }

        if (a.MaxValue is null && a.Threshold == 0)
        {
            // Keras computes a slope with neither cap nor threshold as leaky_relu itself.
            return ($"nn.LeakyReLU({Number(a.NegativeSlope)})", x => $"F.leaky_relu({x}, {Number(a.NegativeSlope)})");
        }

        string arguments = $"{Number(a.NegativeSlope)}, {(a.MaxValue is double max ? Number(max) : "None")}, {Number(a.Threshold)}";
        return ($"KerasReLU({arguments})", x => $"keras_relu({x}, {arguments})");
    }

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture) is var s && (s.Contains('.') || s.Contains('E')) ? s : s + ".0";
}
