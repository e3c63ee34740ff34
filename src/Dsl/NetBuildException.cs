namespace FluentNets;

/// <summary>
/// The one exception for a network that can't be built: it names the layer, the input shapes,
/// the rule that broke with its numbers, and the fix where there is one. The handle the call
/// was made on is unchanged and still usable.
/// </summary>
public sealed class NetBuildException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="layer">Full path name of the layer that could not be added.</param>
    /// <param name="inputs">Shapes the layer received.</param>
    /// <param name="message">The complete message, starting with the layer name.</param>
    public NetBuildException(string layer, IReadOnlyList<Shape> inputs, string message)
        : base(message)
    {
        Layer = layer;
        Inputs = inputs;
    }

    /// <summary>Full path name of the layer that could not be added.</summary>
    public string Layer { get; }

    /// <summary>The input shapes the layer received.</summary>
    public IReadOnlyList<Shape> Inputs { get; }

    /// <summary>
    /// The type and the message, without the stack trace: the message names the layer, the shapes and
    /// the rule, and what a host prints for a failure (a notebook cell's error, an unhandled
    /// exception) is that line, not the builder's frames. <see cref="Exception.StackTrace"/> keeps them.
    /// </summary>
    public override string ToString() => $"{GetType().FullName}: {Message}";
}
