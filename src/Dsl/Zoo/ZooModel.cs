using FluentNets.Graph;

namespace FluentNets.Zoo;

/// <summary>A named architecture of the model zoo with its default input and class count.</summary>
/// <param name="Name">The CLI name, e.g. <c>vgg16</c>.</param>
/// <param name="Description">What it is and where it comes from.</param>
/// <param name="DefaultInput">The input it was published with.</param>
/// <param name="DefaultClasses">The classes it was published with.</param>
/// <param name="Builder">Builds the network for an input shape and a class count.</param>
public sealed record ZooModel(string Name, string Description, Shape DefaultInput, int DefaultClasses, Func<Shape, int, Network> Builder)
{
    /// <summary>Builds the network, with the published input and classes unless given.</summary>
    /// <exception cref="NetBuildException">The input is too small for the architecture, or classes is not positive.</exception>
    public Network Build(Shape? input = null, int? classes = null) => Builder(input ?? DefaultInput, classes ?? DefaultClasses);
}
