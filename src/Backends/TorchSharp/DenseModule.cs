using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A fully connected layer: <c>weight</c> (out, in), <c>bias</c> (out) when used, then the fused
/// activation. On an (N, C, H, W) image it acts on the channels at every position, as Keras's
/// Dense acts on the last axis of (N, H, W, C).
/// </summary>
internal sealed class DenseModule : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Activation activation;

    public DenseModule(string name, Parameter weight, Parameter? bias, Activation activation)
        : base(name)
    {
        this.weight = weight;
        this.bias = bias;
        this.activation = activation;
        register_parameter("weight", weight);
        if (bias is not null)
        {
            register_parameter("bias", bias);
        }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Activations.Apply(Linear(input), activation, disposeInput: true);

    /// <summary>x Wᵀ + b, without the fused activation.</summary>
    public Tensor Linear(Tensor input)
    {
        if (input.dim() != 4)
        {
            return F.linear(input, weight, bias);
        }

        using var channelsLast = input.permute(0, 2, 3, 1);
        using var mapped = F.linear(channelsLast, weight, bias);
        using var channelsFirst = mapped.permute(0, 3, 1, 2);
        return channelsFirst.contiguous();
    }
}
