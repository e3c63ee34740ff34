namespace FluentNets.Backends.Reference;

/// <summary>Settings of the reference backend.</summary>
public sealed class ReferenceBackendOptions
{
    /// <summary>The floating-point type layers compute in; outputs are float32 either way.</summary>
    public Precision Precision { get; set; } = Precision.Float32;

    /// <summary>Throws unless every setting holds a defined value.</summary>
    /// <exception cref="ArgumentException">Precision is not a defined <see cref="Reference.Precision"/>; the message lists the accepted values.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentException(
                $"Precision must be one of {string.Join(", ", Enum.GetNames<Precision>())}. Received: Precision={(int)Precision}.", nameof(Precision));
        }
    }
}
