namespace FluentNets.Layers;

/// <summary>What a layer sees while its output shape is inferred: its name, inputs and the network's strictness.</summary>
/// <param name="Name">The layer's full path name.</param>
/// <param name="Inputs">The input shapes, in order.</param>
/// <param name="InputNames">The names of the layers that produce the inputs, in the same order.</param>
/// <param name="Strict">Whether the strict divisibility rule applies.</param>
public sealed record LayerContext(string Name, IReadOnlyList<Shape> Inputs, IReadOnlyList<string> InputNames, bool Strict)
{
    /// <summary>Each input as <c>name (HxWxC)</c>, comma separated, for messages about several inputs.</summary>
    public string DescribeInputs() => string.Join(", ", Inputs.Select((s, i) => $"{InputNames[i]} ({s})"));

    /// <summary>The single (or first) input.</summary>
    public Shape Input => Inputs[0];

    /// <summary>Throws <see cref="Fail"/> with the message when the condition does not hold.</summary>
    /// <exception cref="NetBuildException">The condition is false.</exception>
    public void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw Fail(message);
        }
    }

    /// <summary>Throws <see cref="NetBuildException"/> when the activation's arguments cannot be used.</summary>
    /// <param name="activation">A fused or standalone activation.</param>
    /// <exception cref="NetBuildException">The activation says why its arguments are invalid.</exception>
    public void RequireActivation(Activation activation)
    {
        if (activation is null)
        {
            throw Fail("an activation is needed; use Activation.None for none.");
        }

        if (activation.Invalid is { } why)
        {
            throw Fail(why);
        }
    }

    /// <summary>An exception for this layer; the message is prefixed with the layer's name.</summary>
    public NetBuildException Fail(string message) => new(Name, Inputs, $"{Name}: {message}");
}
