namespace FluentNets.Weights;

/// <summary>What a load put into a compiled network: how many tensors came from the file, and which kept their values.</summary>
/// <param name="Path">The file.</param>
/// <param name="Loaded">The parameters and buffers read from the file.</param>
/// <param name="Kept">The parameters the file lacked or held in another shape, which kept the compiled network's values.</param>
public sealed record WeightsLoaded(string Path, int Loaded, IReadOnlyList<string> Kept)
{
    /// <summary>One line saying which parameters kept their values, by layer, or null when every one came from the file.</summary>
    public string? Note => Kept.Count == 0
        ? null
        : $"{Path}: {Kept.Count} of {Loaded + Kept.Count} tensors kept their values, which it lacks or holds in another shape: {Layers()}.";

    private string Layers()
    {
        var layers = Kept.Select(name => name.Contains('.') ? name[..name.LastIndexOf('.')] : name).Distinct(StringComparer.Ordinal).ToList();
        return string.Join(", ", layers.Take(8)) + (layers.Count > 8 ? $" and {layers.Count - 8} more layers" : "");
    }
}
