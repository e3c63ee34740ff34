using FluentNets.Activations;

namespace FluentNets.Export.Onnx;

/// <summary>
/// Every kind of <see cref="Activation"/> as ONNX opset 17 nodes: the operator ONNX has for it where there is
/// one (<c>HardSwish</c>, <c>HardSigmoid</c> with alpha 1/6 and beta 1/2, <c>Elu</c>), otherwise the formula in
/// primitive operators (GELU and Mish have operators only from opsets 20 and 18).
/// </summary>
internal static class OnnxActivations
{
    private static readonly Dictionary<Type, Action<OnnxGraphBuilder, Activation, Emission>> Table = new()
    {
        [typeof(Relu)] = (b, a, e) => Relu(b, (Relu)a, e),
        [typeof(LeakyRelu)] = (b, a, e) => b.Emit("LeakyRelu", e.Node, [e.Input], [e.Output], [OnnxGraphBuilder.Float("alpha", ((LeakyRelu)a).Slope)]),
        [typeof(Sigmoid)] = (b, _, e) => b.Emit("Sigmoid", e.Node, [e.Input], [e.Output], []),
        [typeof(Tanh)] = (b, _, e) => b.Emit("Tanh", e.Node, [e.Input], [e.Output], []),
        [typeof(Softmax)] = (b, _, e) => b.Emit("Softmax", e.Node, [e.Input], [e.Output], [OnnxGraphBuilder.Int("axis", 1)]),
        [typeof(Silu)] = (b, _, e) =>
        {
            string gate = e.Step("sigmoid");
            b.Emit("Sigmoid", gate, [e.Input], [gate], []);
            b.Emit("Mul", e.Node, [e.Input, gate], [e.Output], []);
        },
        [typeof(Gelu)] = (b, a, e) => Gelu(b, (Gelu)a, e),
        [typeof(HardSigmoid)] = (b, _, e) =>
            b.Emit("HardSigmoid", e.Node, [e.Input], [e.Output], [OnnxGraphBuilder.Float("alpha", 1.0 / 6), OnnxGraphBuilder.Float("beta", 0.5)]),
        [typeof(HardSwish)] = (b, _, e) => b.Emit("HardSwish", e.Node, [e.Input], [e.Output], []),
        [typeof(Elu)] = (b, a, e) => b.Emit("Elu", e.Node, [e.Input], [e.Output], [OnnxGraphBuilder.Float("alpha", ((Elu)a).Alpha)]),
        [typeof(Selu)] = (b, _, e) =>
            b.Emit("Selu", e.Node, [e.Input], [e.Output], [OnnxGraphBuilder.Float("alpha", Selu.Alpha), OnnxGraphBuilder.Float("gamma", Selu.Scale)]),
        [typeof(Softplus)] = (b, _, e) => b.Emit("Softplus", e.Node, [e.Input], [e.Output], []),
        [typeof(Softsign)] = (b, _, e) => b.Emit("Softsign", e.Node, [e.Input], [e.Output], []),
        [typeof(Mish)] = (b, _, e) =>
        {
            string softplus = e.Step("softplus"), tanh = e.Step("tanh");
            b.Emit("Softplus", softplus, [e.Input], [softplus], []);
            b.Emit("Tanh", tanh, [softplus], [tanh], []);
            b.Emit("Mul", e.Node, [e.Input, tanh], [e.Output], []);
        },
    };

    /// <summary>The kinds of activation exported, <see cref="Linear"/> (an <c>Identity</c>) included.</summary>
    public static IEnumerable<Type> Kinds => [typeof(Linear), .. Table.Keys];

    /// <summary>Emits <paramref name="function"/> of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="builder">The graph being built.</param>
    /// <param name="function">The activation.</param>
    /// <param name="nodeName">The name of the node that writes the output.</param>
    /// <param name="layer">The layer, the prefix of helper nodes' and constants' names.</param>
    /// <param name="input">The input tensor's name.</param>
    /// <param name="output">The output tensor's name.</param>
    /// <exception cref="ExportException">The activation has no ONNX form.</exception>
    public static void Emit(OnnxGraphBuilder builder, Activation function, string nodeName, string layer, string input, string output)
    {
        if (function.IsIdentity)
        {
            builder.Emit("Identity", nodeName, [input], [output], []);
            return;
        }

        var emit = Table.TryGetValue(function.GetType(), out var entry)
            ? entry
            : throw new ExportException($"{layer}: cannot export activation {function.KerasName} to ONNX.");
        emit(builder, function, new Emission(nodeName, layer, input, output));
    }

    /// <summary>Keras's relu: Relu, Clip for a cap, LeakyRelu for a slope alone, and otherwise x above the threshold (capped) minus slope * relu(threshold - x).</summary>
    private static void Relu(OnnxGraphBuilder b, Relu a, Emission e)
    {
        if (a.IsPlain)
        {
            b.Emit("Relu", e.Node, [e.Input], [e.Output], []);
            return;
        }

        if (a.IsClipped)
        {
            b.Emit("Clip", e.Node, [e.Input, b.Scalar(e.Step("min"), 0), b.Scalar(e.Step("max"), a.MaxValue!.Value)], [e.Output], []);
            return;
        }

        if (a.MaxValue is null && a.Threshold == 0)
        {
            // Keras computes a slope with neither cap nor threshold as leaky_relu itself.
            b.Emit("LeakyRelu", e.Node, [e.Input], [e.Output], [OnnxGraphBuilder.Float("alpha", a.NegativeSlope)]);
            return;
        }

        string above = e.Step("above"), mask = e.Step("mask"), kept = e.Step("kept"), shortfall = e.Step("shortfall"), negative = e.Step("negative"), scaled = e.Step("scaled");
        string threshold = b.Scalar(e.Step("threshold"), a.Threshold);
        b.Emit("Greater", above, [e.Input, threshold], [above], []);
        b.Emit("Cast", mask, [above], [mask], [OnnxGraphBuilder.Int("to", 1)]);
        b.Emit("Mul", kept, [e.Input, mask], [kept], []);
        string positive = kept;
        if (a.MaxValue is double max)
        {
            positive = e.Step("capped");
            b.Emit("Clip", positive, [kept, b.Scalar(e.Step("min"), 0), b.Scalar(e.Step("max"), max)], [positive], []);
        }

        b.Emit("Sub", shortfall, [threshold, e.Input], [shortfall], []);
        b.Emit("Relu", negative, [shortfall], [negative], []);
        b.Emit("Mul", scaled, [negative, b.Scalar(e.Step("slope"), a.NegativeSlope)], [scaled], []);
        b.Emit("Sub", e.Node, [positive, scaled], [e.Output], []);
    }

    /// <summary>GELU: 0.5 x (1 + erf(x / sqrt 2)), or its tanh form 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).</summary>
    private static void Gelu(OnnxGraphBuilder b, Gelu a, Emission e)
    {
        string curve = e.Step(a.Approximate ? "tanh" : "erf"), plusOne = e.Step("plus_one"), gated = e.Step("gated");
        if (a.Approximate)
        {
            string cube = e.Step("cube"), term = e.Step("term"), sum = e.Step("sum"), scaled = e.Step("scaled");
            b.Emit("Pow", cube, [e.Input, b.Scalar(e.Step("three"), 3)], [cube], []);
            b.Emit("Mul", term, [cube, b.Scalar(e.Step("coefficient"), 0.044715)], [term], []);
            b.Emit("Add", sum, [e.Input, term], [sum], []);
            b.Emit("Mul", scaled, [sum, b.Scalar(e.Step("sqrt_2_over_pi"), Math.Sqrt(2 / Math.PI))], [scaled], []);
            b.Emit("Tanh", curve, [scaled], [curve], []);
        }
        else
        {
            string scaled = e.Step("scaled");
            b.Emit("Mul", scaled, [e.Input, b.Scalar(e.Step("one_over_sqrt_2"), 1 / Math.Sqrt(2))], [scaled], []);
            b.Emit("Erf", curve, [scaled], [curve], []);
        }

        b.Emit("Add", plusOne, [curve, b.Scalar(e.Step("one"), 1)], [plusOne], []);
        b.Emit("Mul", gated, [e.Input, plusOne], [gated], []);
        b.Emit("Mul", e.Node, [gated, b.Scalar(e.Step("half"), 0.5)], [e.Output], []);
    }

    /// <summary>One activation's names: the node writing the output, the layer's prefix for helper nodes, input and output.</summary>
    private sealed record Emission(string Node, string Layer, string Input, string Output)
    {
        /// <summary>The name of a helper node or constant of the activation: <c>layer/role</c>.</summary>
        public string Step(string role) => $"{Layer}/{role}";
    }
}
