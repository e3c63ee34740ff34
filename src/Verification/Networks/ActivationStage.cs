using FluentNets.Activations;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// An activation layer of its own: Keras's <c>Activation</c>, or the class Keras has for it
/// (<c>ReLU</c> with arguments, <c>LeakyReLU</c> with the layer's slope 0.3 by default, <c>ELU</c>
/// with an alpha other than 1).
/// </summary>
/// <param name="Function">The activation; never <see cref="Activation.None"/> unless planted.</param>
/// <param name="Name">Explicit layer name; automatic when null.</param>
[Generates(typeof(ActivationLayer))]
[Generates(typeof(Relu))]
[Generates(typeof(LeakyRelu))]
[Generates(typeof(Sigmoid))]
[Generates(typeof(Tanh))]
[Generates(typeof(Softmax))]
[Generates(typeof(Silu))]
[Generates(typeof(Gelu))]
[Generates(typeof(HardSigmoid))]
[Generates(typeof(HardSwish))]
[Generates(typeof(Elu))]
[Generates(typeof(Selu))]
[Generates(typeof(Softplus))]
[Generates(typeof(Softsign))]
[Generates(typeof(Mish))]
public sealed record ActivationStage(Activation Function, string? Name = null) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Activate(Function, Name);

    /// <inheritdoc />
    public override string ToString() => $".Activate({CSharp.Activation(Function)}{CSharp.Name(Name)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        string name = scope.Propose(Name, KerasPrefix(Function));
        if (Oracle.ActivationArgumentsInvalid(Function) || Function is Linear)
        {
            return scope.Fail(name, input);
        }

        scope.Layer(name, input.ToShape());
        return input;
    }

    /// <summary>
    /// The snake-cased Keras class: <c>re_lu</c> for a ReLU with any argument (Keras's <c>ReLU</c>
    /// layer), <c>leaky_re_lu</c>, <c>elu</c> for an alpha other than 1, <c>activation</c> otherwise.
    /// </summary>
    private static string KerasPrefix(Activation function) => function switch
    {
        Relu { MaxValue: null, NegativeSlope: 0, Threshold: 0 } => "activation",
        Relu => "re_lu",
        LeakyRelu => "leaky_re_lu",
        Elu { Alpha: not 1 } => "elu",
        _ => "activation",
    };
}
