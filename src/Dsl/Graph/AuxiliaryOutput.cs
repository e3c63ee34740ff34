namespace FluentNets.Graph;

/// <summary>
/// An extra output that trains with the network (its loss times <see cref="LossWeight"/> joins
/// the total) and is dropped from the inference graph, like GoogLeNet's auxiliary classifiers.
/// </summary>
/// <param name="Name">The head's name, also the scope of its layers.</param>
/// <param name="Node">The head's last node.</param>
/// <param name="LossWeight">Weight of the head's loss in the training loss.</param>
public sealed record AuxiliaryOutput(string Name, Node Node, double LossWeight);
