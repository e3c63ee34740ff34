using FluentNets.Graph;
using FluentNets.Layers;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A BatchNorm folded into the Conv2D, DepthwiseConv2D, SeparableConv2D (its pointwise step) or Dense
/// layer before it, for a network compiled for inference. At inference BatchNorm is the affine map
/// y = s (x - mean) + beta per channel, with s = gamma / sqrt(variance + epsilon), so a linear layer
/// followed by it is one linear layer: kernel rows times s, bias (b - mean) s + beta. The fold holds
/// the layer's own kernel and bias tensors (a bias is added where the layer has none) and overwrites
/// them with the folded values; the BatchNorm's four small vectors stay as they were set and the
/// layer's bias as set is kept beside them, so the state the layers declare can be given back
/// (<see cref="Unfold"/>) without a second copy of the kernel.
/// </summary>
/// <remarks>
/// Exact where the layer's output reaches nothing but the BatchNorm and no activation sits between
/// them (<see cref="Find"/>). A kernel row scaled by 0, or by a scale that is no normal float (gamma
/// 0, a variance that overflows), could not be given back: such a pair stays unfolded
/// (<see cref="Active"/> false) and runs as two layers.
/// </remarks>
internal sealed class BatchNormFold
{
    private readonly Tensor weight;
    private readonly Tensor bias;
    private readonly Tensor? gamma;
    private readonly Tensor? beta;
    private readonly Tensor mean;
    private readonly Tensor variance;
    private readonly double epsilon;
    private double[] rowScale = [];
    private float[] setBias = [];

    /// <summary>A fold over the live tensors of <paramref name="layer"/> and <paramref name="batchNorm"/>.</summary>
    /// <param name="layer">The linear layer.</param>
    /// <param name="batchNorm">The BatchNorm that reads it.</param>
    /// <param name="layerState">The linear layer's tensors, a <c>bias</c> among them (<see cref="LayerState.AddBuffer"/> where the layer declares none).</param>
    /// <param name="normState">The BatchNorm's tensors.</param>
    public BatchNormFold(Node layer, Node batchNorm, LayerState layerState, LayerState normState)
    {
        Layer = layer;
        BatchNorm = batchNorm;
        WeightRole = KernelRole(layer.Layer);
        weight = layerState.Optional(WeightRole)!;
        bias = layerState.Optional("bias")!;
        DeclaresBias = layer.Parameters.Any(p => p.Role == "bias");
        gamma = normState.Optional("weight");
        beta = normState.Optional("bias");
        mean = normState.Optional("running_mean")!;
        variance = normState.Optional("running_var")!;
        epsilon = ((BatchNormalization)batchNorm.Layer).Epsilon;
    }

    /// <summary>The linear layer whose kernel and bias hold the fold.</summary>
    public Node Layer { get; }

    /// <summary>The BatchNorm folded into it, which runs as the identity while <see cref="Active"/>.</summary>
    public Node BatchNorm { get; }

    /// <summary>The role of the kernel the fold scales: <c>weight</c>, or <c>pointwise.weight</c> of a separable convolution.</summary>
    public string WeightRole { get; }

    /// <summary>Whether the layer declares a bias (otherwise the fold added one, which no state names).</summary>
    public bool DeclaresBias { get; }

    /// <summary>Whether the tensors hold the folded values; false until <see cref="Apply"/> ran, and where a scale was 0 or no normal float.</summary>
    public bool Active { get; private set; }

    /// <summary>
    /// The pairs of <paramref name="network"/>'s inference graph that fold exactly: a BatchNorm whose
    /// input is a Conv2D, DepthwiseConv2D, SeparableConv2D or Dense without a fused activation, read by
    /// nothing else and not the network's output.
    /// </summary>
    public static IReadOnlyList<(Node Layer, Node BatchNorm)> Find(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var readers = new Dictionary<int, int>();
        foreach (var input in network.InferenceNodes.SelectMany(n => n.Inputs))
        {
            readers[input.Id] = readers.GetValueOrDefault(input.Id) + 1;
        }

        return network.InferenceNodes
            .Where(n => n.Layer is BatchNormalization && n.Inputs.Length == 1)
            .Select(n => (Layer: n.Inputs[0], BatchNorm: n))
            .Where(p => IsLinear(p.Layer.Layer) && readers[p.Layer.Id] == 1 && p.Layer != network.Output)
            .ToArray();
    }

    /// <summary>
    /// Folds the values the tensors hold now, the layer's and the BatchNorm's as set, into the
    /// layer's kernel and bias, in place; leaves everything as it is where a scale is 0 or no normal float.
    /// </summary>
    public void Apply()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (!DeclaresBias)
        {
            // The bias the fold added holds the last fold's values; as set, it is zero.
            bias.zero_();
        }

        double[] s = Scale();
        float[] rows = s.Select(v => (float)v).ToArray();
        if (!rows.All(float.IsNormal))
        {
            Active = false;
            return;
        }

        double[] shift = Vector(mean);
        double[] offset = beta is null ? new double[s.Length] : Vector(beta);
        setBias = HostTensors.FromTorch(bias).Data;
        double[] b = setBias.Select(v => (double)v).ToArray();
        var folded = new float[s.Length];
        for (int c = 0; c < s.Length; c++)
        {
            folded[c] = (float)(((b[c] - shift[c]) * s[c]) + offset[c]);
        }

        weight.mul_(tensor(rows, [rows.Length, .. Enumerable.Repeat(1L, (int)weight.dim() - 1)], ScalarType.Float32).to(weight.device));
        bias.copy_(tensor(folded, [folded.Length], ScalarType.Float32).to(bias.device));
        rowScale = rows.Select(v => (double)v).ToArray();
        Active = true;
    }

    /// <summary>
    /// The layer's <paramref name="role"/> (<see cref="WeightRole"/> or <c>bias</c>) as it was set: the
    /// bias as kept, the kernel computed back from the folded one, each row divided by its scale, which
    /// gives every value within one unit in its last place.
    /// </summary>
    public HostTensor Unfold(string role)
    {
        if (role == "bias")
        {
            return new HostTensor([setBias.Length], [.. setBias]);
        }

        var folded = HostTensors.FromTorch(weight);
        var values = folded.Data;
        var result = new float[values.Length];
        int row = values.Length / rowScale.Length;
        for (int i = 0; i < values.Length; i++)
        {
            // The kernel was multiplied by s rounded to a float: divided by the same number, each
            // value comes back within the rounding of that one product.
            result[i] = (float)(values[i] / rowScale[i / row]);
        }

        return new HostTensor([.. folded.Shape], result);
    }

    /// <summary>The kernel whose rows are the output channels: a separable convolution's pointwise step, every other layer's own.</summary>
    public static string KernelRole(LayerSpec layer) => layer is SeparableConv2D ? "pointwise.weight" : "weight";

    private static bool IsLinear(LayerSpec layer) => layer switch
    {
        Conv2D c => c.Activation.IsIdentity,
        DepthwiseConv2D d => d.Activation.IsIdentity,
        SeparableConv2D s => s.Activation.IsIdentity,
        Dense d => d.Activation.IsIdentity,
        _ => false,
    };

    // s = gamma / sqrt(variance + epsilon) in float64, from the float32 values as set.
    private double[] Scale()
    {
        double[] v = Vector(variance);
        double[] g = gamma is null ? Enumerable.Repeat(1.0, v.Length).ToArray() : Vector(gamma);
        return v.Select((x, c) => g[c] / Math.Sqrt(x + epsilon)).ToArray();
    }

    private static double[] Vector(Tensor t) => HostTensors.FromTorch(t).Data.Select(v => (double)v).ToArray();
}
