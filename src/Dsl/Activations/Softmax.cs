namespace FluentNets.Activations;

/// <summary>Softmax over the channel axis: e^x over the channels' sum of e^x.</summary>
public sealed record Softmax : Activation
{
    /// <inheritdoc />
    public override string KerasName => "softmax";
}
