namespace FluentNets.Verification;

/// <summary>
/// The oracle's walk through a network: the block path it is in, the names taken, the layers
/// expected so far and the first failure. Scopes entered for blocks share all of it but the path.
/// Names follow Keras: an automatic name is the lowest free one of prefix, prefix_1, prefix_2...
/// in its scope; a layer takes its name only once it is built; a block takes its own when it
/// starts and gives back every name inside it, and its own, when it fails.
/// </summary>
internal sealed class OracleScope
{
    private readonly Walk walk;

    private OracleScope(Walk walk, string path)
    {
        this.walk = walk;
        Path = path;
    }

    /// <summary>The block path, empty at the top level.</summary>
    public string Path { get; }

    /// <summary>Whether a layer has already failed; stages stop adding layers once one has.</summary>
    public bool Failed => walk.Failure is not null;

    /// <summary>How many layers have been recorded.</summary>
    public int LayerCount => walk.Layers.Count;

    /// <summary>A walk of its own, for threading shapes through stages whose names do not matter.</summary>
    public static OracleScope Start() => new(new Walk(), "");

    /// <summary>The path of a layer the DSL names itself in this scope, such as a block's <c>add</c>.</summary>
    public string Named(string name) => Join(name);

    /// <summary>
    /// The full name a layer would get: <paramref name="name"/> in this scope when given,
    /// otherwise the lowest free automatic name for <paramref name="prefix"/>.
    /// </summary>
    public string Propose(string? name, string prefix)
    {
        if (name is not null)
        {
            return Join(name);
        }

        for (int i = 0; ; i++)
        {
            string candidate = Join(Oracle.AutoName(prefix, i));
            if (!walk.Taken.Contains(candidate) && !walk.Taken.Contains(candidate + "/"))
            {
                return candidate;
            }
        }
    }

    /// <summary>Starts a block named <paramref name="name"/> (or automatically after <paramref name="prefix"/>) and returns its scope.</summary>
    public OracleScope Block(string? name, string prefix)
    {
        string path = Propose(name, prefix);
        walk.Taken.Add(path + "/");
        return new OracleScope(walk, path);
    }

    /// <summary>Records a layer that builds; it takes its name.</summary>
    public void Layer(string fullName, Shape shape, long trainable = 0, long nonTrainable = 0, long macs = 0)
    {
        walk.Taken.Add(fullName);
        walk.Layers.Add(new LayerExpectation(fullName, shape, trainable, nonTrainable, macs));
    }

    /// <summary>Records that <paramref name="fullName"/> cannot be built; returns <paramref name="input"/> so the caller can stop.</summary>
    public ImageDims Fail(string fullName, ImageDims input)
    {
        walk.Failure ??= fullName;
        return input;
    }

    /// <summary>
    /// Goes back to the handle before a failed stage, as a caller that caught the exception does:
    /// only the first <paramref name="layers"/> layers remain in the network, the outermost block
    /// around the failure gives its names back, and layers built outside blocks keep theirs.
    /// </summary>
    public void Recover(int layers)
    {
        if (walk.Failure is { } failure && failure.Contains('/', StringComparison.Ordinal))
        {
            string block = failure[..failure.IndexOf('/', StringComparison.Ordinal)] + "/";
            walk.Taken.RemoveWhere(n => n.StartsWith(block, StringComparison.Ordinal));
        }

        walk.Layers.RemoveRange(layers, walk.Layers.Count - layers);
        walk.Failure = null;
    }

    /// <summary>The walk so far.</summary>
    public NetworkExpectation Result() => new(walk.Layers.ToArray(), walk.Failure);

    private string Join(string name) => Path.Length == 0 ? name : $"{Path}/{name}";

    private sealed class Walk
    {
        public HashSet<string> Taken { get; } = new(StringComparer.Ordinal);

        public List<LayerExpectation> Layers { get; } = [];

        public string? Failure { get; set; }
    }
}
