namespace FluentNets.PropertyTests;

/// <summary>The image layers a random <see cref="Chain"/> draws from.</summary>
public enum ChainLayerKind
{
    /// <summary><c>Conv2D</c>, possibly grouped.</summary>
    Conv,

    /// <summary><c>DepthwiseConv2D</c>.</summary>
    DepthwiseConv,

    /// <summary><c>SeparableConv2D</c>.</summary>
    SeparableConv,

    /// <summary><c>BatchNormalization</c>, with or without beta and gamma.</summary>
    BatchNorm,

    /// <summary><c>MaxPooling2D</c>.</summary>
    MaxPool,

    /// <summary>A ReLU activation layer.</summary>
    Relu,
}
