using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>A fully connected layer: <c>weight</c> (out, in), <c>bias</c> (out) when used, then the fused activation.</summary>
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
    public Tensor Linear(Tensor input) => F.linear(input, weight, bias);
}
