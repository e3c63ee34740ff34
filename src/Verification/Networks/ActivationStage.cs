namespace FluentNets.Verification;

/// <summary>An activation layer of its own (<c>Activation</c>, or <c>LeakyReLU</c> with Keras's slope 0.3).</summary>
/// <param name="Function">The activation; never <see cref="Activation.None"/>.</param>
public sealed record ActivationStage(Activation Function) : Stage
{
    /// <inheritdoc />
    public override Net<Image> AddTo(Net<Image> x) => x.Activate(Function);

    /// <inheritdoc />
    public override string ToString() => $".Activate({CSharp.Activation(Function)})";

    internal override ImageDims Expect(OracleScope scope, ImageDims input)
    {
        scope.Layer(scope.Propose(null, Function == Activation.LeakyRelu ? "leaky_re_lu" : "activation"), input.ToShape());
        return input;
    }
}
