namespace FluentNets.Activations;

/// <summary>1.0507 (x for x &gt; 0, 1.6733 (e^x - 1) otherwise), with the self-normalising constants of Klambauer et al. (https://arxiv.org/abs/1706.02515).</summary>
public sealed record Selu : Activation
{
    /// <summary>The negative part's scale, alpha = 1.6732632423543772848170429916717.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>The overall scale, lambda = 1.0507009873554804934193349852946.</summary>
    public const double Scale = 1.0507009873554804934193349852946;

    /// <inheritdoc />
    public override string KerasName => "selu";
}
