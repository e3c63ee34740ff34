using FluentNets.Backends;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// A network written by hand in plain TorchSharp, the way a TorchSharp user would write it
/// (library modules, functional calls, explicit disposal of intermediates), that can take over the
/// weights of the FluentNets network it mirrors.
/// </summary>
public abstract class HandWrittenNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module.</summary>
    protected HandWrittenNetwork(string name)
        : base(name)
    {
    }

    /// <summary>The class probabilities: softmax over <see cref="Logits"/>.</summary>
    public override Tensor forward(Tensor input)
    {
        using var logits = Logits(input);
        return softmax(logits, 1);
    }

    /// <summary>The scores before the final softmax, which a cross-entropy loss takes.</summary>
    public abstract Tensor Logits(Tensor input);

    /// <summary>
    /// Copies a FluentNets state (the backend's <c>GetState()</c>: names such as
    /// <c>conv2_block1/1_conv.weight</c>, PyTorch layouts) into this module's parameters and buffers.
    /// </summary>
    /// <exception cref="InvalidOperationException">A name is missing, left over, or has another shape.</exception>
    public void Load(IReadOnlyDictionary<string, HostTensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var used = new HashSet<string>(StringComparer.Ordinal);
        using (no_grad())
        {
            foreach (var (name, target, convert) in Targets())
            {
                if (!state.TryGetValue(name, out var source))
                {
                    throw new InvalidOperationException($"{GetName()}: expected a FluentNets tensor named {name}. Received: {string.Join(", ", state.Keys)}.");
                }

                using var host = tensor(source.Data, source.Shape.Select(d => (long)d).ToArray());
                using var converted = convert is null ? host.alias() : convert(host);
                if (!converted.shape.SequenceEqual(target.shape))
                {
                    throw new InvalidOperationException(
                        $"{GetName()}: expected {name} to have shape [{string.Join(", ", target.shape)}]. Received: [{string.Join(", ", converted.shape)}].");
                }

                target.copy_(converted);
                used.Add(name);
            }
        }

        var left = state.Keys.Where(k => !used.Contains(k)).ToArray();
        if (left.Length > 0)
        {
            throw new InvalidOperationException($"{GetName()}: expected every FluentNets tensor to have a counterpart. Received extra: {string.Join(", ", left)}.");
        }
    }

    /// <summary>
    /// Every parameter and buffer under its FluentNets name, with a conversion from FluentNets'
    /// layout when the hand-written layout differs (null when it is the same).
    /// </summary>
    protected abstract IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets();

    /// <summary>The four tensors of a Keras BatchNormalization (gamma, beta, moving mean, moving variance) under a layer name.</summary>
    public static IEnumerable<(string, Tensor, Func<Tensor, Tensor>?)> BatchNormTargets(string layer, TorchSharp.Modules.BatchNorm2d bn) =>
    [
        ($"{layer}.weight", bn.weight!, null),
        ($"{layer}.bias", bn.bias!, null),
        ($"{layer}.running_mean", bn.running_mean!, null),
        ($"{layer}.running_var", bn.running_var!, null),
    ];

    /// <summary>The weight and bias of a convolution or dense layer under a layer name.</summary>
    public static IEnumerable<(string, Tensor, Func<Tensor, Tensor>?)> WeightAndBias(string layer, Tensor weight, Tensor bias) =>
    [
        ($"{layer}.weight", weight, null),
        ($"{layer}.bias", bias, null),
    ];
}
