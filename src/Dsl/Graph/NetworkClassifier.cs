namespace FluentNets.Graph;

public sealed partial class Network
{
    /// <summary>
    /// The classifier: the last layer of the main output's graph that has weights (<c>predictions</c> of a
    /// keras.applications model, <c>fc</c> of a torchvision ResNet), the layer a new head replaces and fine-tuning
    /// trains first.
    /// </summary>
    /// <exception cref="InvalidOperationException">No layer of the main output's graph has weights.</exception>
    public Node Classifier =>
        InferenceNodes.LastOrDefault(n => n.Params.Total > 0)
            ?? throw new InvalidOperationException($"{Name} has no layer with weights, so it has no classifier.");

    /// <summary>
    /// Freezes the base: every layer up to the classifier's input, so only the classifier (and any layer after it)
    /// trains, as keras.applications' transfer-learning guide freezes <c>base_model</c>.
    /// </summary>
    /// <returns>The network with its base frozen; this network when the classifier has no input layer.</returns>
    /// <exception cref="InvalidOperationException">No layer has weights.</exception>
    public Network FreezeBase()
    {
        var classifier = Classifier;
        return classifier.Inputs.Length == 0 ? this : FreezeUpTo(classifier.Inputs[0]);
    }
}
