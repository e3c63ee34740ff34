namespace FluentNets.Layers;

/// <summary>
/// A parameter's initial values as Keras gives them (<c>keras/src/initializers</c>); each backend draws
/// them with its own generator.
/// </summary>
public abstract record Initializer
{
    private protected Initializer()
    {
    }

    /// <summary>Zeros: biases, BatchNorm's beta and moving mean.</summary>
    public static Constant Zeros { get; } = new(0);

    /// <summary>Ones: BatchNorm's gamma and moving variance.</summary>
    public static Constant Ones { get; } = new(1);
}
