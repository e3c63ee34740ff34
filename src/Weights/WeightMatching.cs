using FluentNets.Backends;
using FluentNets.Graph;

namespace FluentNets.Weights;

/// <summary>
/// How strictly a weights file must fit a network: which of the network's parameters may be missing from
/// the file, or of another shape there, and keep the values the compiled network has; and whether tensors
/// the network lacks are ignored. Whatever is not tolerated is a difference, named in the error.
/// </summary>
/// <param name="MayBeMissing">Parameters of the network that the file may lack.</param>
/// <param name="MayDiffer">Parameters the file may hold in another shape (a classifier for other classes).</param>
/// <param name="IgnoresUnexpected">Whether the file's tensors that the network does not have are ignored.</param>
public sealed record WeightMatching(Func<Network, ParameterInfo, bool> MayBeMissing, Func<Network, ParameterInfo, bool> MayDiffer, bool IgnoresUnexpected)
{
    /// <summary>Every parameter in the file with its shape, and nothing else there.</summary>
    public static WeightMatching Strict { get; } = new((_, _) => false, (_, _) => false, false);

    /// <summary>
    /// Every tensor whose name and shape the network has is loaded; everything else keeps its values or is
    /// ignored: the partial load of transfer learning (Keras's <c>skip_mismatch=True</c>,
    /// <c>load_state_dict(strict=False)</c> with shapes checked).
    /// </summary>
    public static WeightMatching Partial { get; } = new((_, _) => true, (_, _) => true, true);

    /// <summary>
    /// Strict, except that the auxiliary heads' parameters may be missing: torchvision deletes GoogLeNet's and
    /// Inception-v3's auxiliary heads after loading its published weights, so a state dict saved from such a
    /// model has none, and the heads keep their initial values. The default of every load.
    /// </summary>
    public static WeightMatching AuxiliaryHeadsOptional { get; } = new(IsAuxiliary, (_, _) => false, false);

    /// <summary>
    /// As <see cref="AuxiliaryHeadsOptional"/>, and the parameters of <paramref name="layers"/> may also be missing or
    /// of another shape and start fresh: a new classifier on a base trained for other classes.
    /// </summary>
    /// <param name="layers">The layers that may start fresh.</param>
    public static WeightMatching Fresh(IEnumerable<Node> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var names = layers.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        bool InLayers(ParameterInfo p) => p.Layer is { } node && names.Contains(node.Name);
        return new((network, p) => InLayers(p) || IsAuxiliary(network, p), (_, p) => InLayers(p), false);
    }

    /// <summary>Whether <paramref name="parameter"/> of <paramref name="network"/> may keep its values: missing from the file, or (otherwise) of another shape there.</summary>
    public bool Tolerates(Network network, ParameterInfo parameter, bool missing) =>
        missing ? MayBeMissing(network, parameter) : MayDiffer(network, parameter);

    // An auxiliary head's layers are those the main output does not depend on.
    private static bool IsAuxiliary(Network network, ParameterInfo parameter) =>
        parameter.Layer is { } node && !network.InferenceNodes.Contains(node);
}
