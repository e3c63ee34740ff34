using FluentNets.Graph;

namespace FluentNets.Backends.Reference;

/// <summary>
/// The managed reference backend: every layer of the DSL as plain C# loops, in float32 or
/// float64. Slow and written to be checked by eye; it is the oracle the TorchSharp backend is
/// compared with.
/// </summary>
public sealed class ReferenceBackend : IBackend
{
    /// <summary>The name the backend is registered under: <c>reference</c>.</summary>
    public const string BackendName = "reference";

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Its settings; float32 when omitted. They are copied.</param>
    /// <exception cref="ArgumentException">An option holds an undefined value; the message lists the accepted ones.</exception>
    public ReferenceBackend(ReferenceBackendOptions? options = null)
    {
        options ??= new ReferenceBackendOptions();
        options.Validate();
        Precision = options.Precision;
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Device => "cpu";

    /// <summary>The floating-point type compiled networks compute in.</summary>
    public Precision Precision { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public ICompiledNetwork Compile(Network network, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new ReferenceNetwork(network, Precision, seed ?? Random.Shared.Next());
    }
}
