using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// A network laid out as torchvision's MobileNetV2 and EfficientNet: <c>features</c> (a stem
/// <c>Conv2dNormActivation</c>, the blocks, a last <c>Conv2dNormActivation</c>), average pooling, then
/// <c>classifier</c>: dropout and <c>classifier.1</c>, a Linear layer.
/// </summary>
public abstract class HandFeaturesClassifier : HandWrittenNetwork
{
    private readonly HandConvNormActivation stem;
    private readonly ModuleList<HandBlock> blocks;
    private readonly HandConvNormActivation head;
    private readonly Dropout dropout;
    private readonly Linear classifier;
    private readonly int headIndex;

    /// <summary>Assembles the network.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="stem">The stem, <c>features.0</c>.</param>
    /// <param name="blocks">The blocks between stem and head.</param>
    /// <param name="head">The last convolution, named <c>features.{n}</c> by <paramref name="headIndex"/>.</param>
    /// <param name="headIndex">The head's index in <c>features</c>.</param>
    /// <param name="features">The head's output channels.</param>
    /// <param name="dropout">The classifier's dropout rate.</param>
    /// <param name="classes">Outputs of the classifier.</param>
    protected HandFeaturesClassifier(
        string name, HandConvNormActivation stem, IEnumerable<HandBlock> blocks, HandConvNormActivation head, int headIndex, long features, double dropout, int classes)
        : base(name)
    {
        this.stem = stem;
        this.blocks = nn.ModuleList(blocks.ToArray());
        this.head = head;
        this.headIndex = headIndex;
        this.dropout = nn.Dropout(dropout);
        classifier = nn.Linear(features, classes);
        // Registered by name: RegisterComponents would look for module fields on the derived type.
        register_module("stem", this.stem);
        register_module("blocks", this.blocks);
        register_module("head", this.head);
        register_module("dropout", this.dropout);
        register_module("classifier", classifier);
    }

    /// <summary>The classifier's scores, as torchvision's model and the zoo's network end: no softmax.</summary>
    public override Tensor forward(Tensor input) => Logits(input);

    /// <inheritdoc />
    public override Tensor Logits(Tensor input)
    {
        var x = stem.call(input);
        foreach (var block in blocks)
        {
            using var previous = x;
            x = block.call(previous);
        }

        using (x)
        {
            using var features = head.call(x);
            using var pooled = features.mean([2, 3]);
            using var dropped = dropout.call(pooled);
            return classifier.call(dropped);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        .. stem.Targets("features.0"),
        .. blocks.SelectMany(b => b.Targets()),
        .. head.Targets($"features.{headIndex}"),
        .. WeightAndBias("classifier.1", classifier.weight!, classifier.bias!),
    ];
}
