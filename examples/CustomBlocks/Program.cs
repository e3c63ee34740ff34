using FluentNets.Graph;

namespace FluentNets.Examples.CustomBlocks;

/// <summary>
/// Your own blocks are plain C# functions from <see cref="Net{T}"/> to <see cref="Net{T}"/>:
/// write one, reuse it with <c>Repeat</c>, name it with <c>Block</c>, wrap it in <c>Residual</c>,
/// and let the DSL tell you, at the call that breaks, when a network does not fit its input.
/// No backend and no native library is involved.
/// </summary>
public static class Program
{
    /// <summary>Runs the example on the console.</summary>
    /// <param name="args">Ignored.</param>
    /// <returns>0 when the networks were built and the broken one failed as expected.</returns>
    public static int Main(string[] args) => Run(Console.Out);

    /// <summary>Runs the example, writing everything it prints to <paramref name="output"/>.</summary>
    /// <param name="output">Where the summaries and the error go.</param>
    /// <returns>0 when the networks were built and the broken one failed as expected, 1 otherwise.</returns>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // Three stages on a 32x32 image halve it to 4x4 and double the filters: 16, 32, 64.
        var network = Build(size: 32, stages: 3);

        // Depth 0 lists every layer, with its block's name as a prefix (stage1/conv2d, ...).
        output.WriteLine("Every layer (depth 0):");
        output.Write(network.Summary(depth: 0));
        output.WriteLine();

        // Depth 1 folds each block into one row: the architecture at a glance, same totals.
        output.WriteLine("One row per block (depth 1):");
        output.Write(network.Summary(depth: 1));
        output.WriteLine();

        // Six stages would halve 32 six times, but the sixth stage's pool gets a 1x1 image.
        // The DSL checks each layer as it is added, so the error names that layer, its input
        // and the rule, before anything is compiled or run.
        try
        {
            Build(size: 32, stages: 6);
            output.WriteLine("Expected six stages on 32x32 to fail, but the network was built.");
            return 1;
        }
        catch (NetBuildException e)
        {
            output.WriteLine("Six stages on a 32x32 input do not fit:");
            output.WriteLine(e.Message);
        }

        return 0;
    }

    /// <summary>The network: <paramref name="stages"/> stages, a residual refinement and a classifier.</summary>
    /// <exception cref="NetBuildException">The stages shrink the input below what a layer needs.</exception>
    public static Network Build(int size, int stages) =>
        Net.Input(size, size, 3)

            // Repeat hands each copy its index, so each stage can get its own name and width.
            .Repeat(stages, (x, i) => x.Block($"stage{i + 1}", b => Stage(b, filters: 16 << i)))

            // A residual block adds its input to the body's output; the body keeps the shape, so
            // the shortcut is the identity (a 1x1 projection is added when the shape changes).
            .Residual(Refine, activation: Activation.Relu, name: "refine")
            .GlobalAvgPool()
            .Dense(10, activation: Activation.Softmax)
            .ToNetwork("custom_blocks");

    /// <summary>The building block: a 3x3 SAME convolution, BatchNorm and ReLU (no bias: BatchNorm's beta replaces it).</summary>
    public static Net<Image> ConvBnRelu(Net<Image> x, int filters) =>
        x.Conv(filters, 3, pad: Padding.Same, bias: false)
            .BatchNorm()
            .Relu();

    /// <summary>A VGG-style stage built from the block: two of them, then a 2x2 pool that halves the size.</summary>
    public static Net<Image> Stage(Net<Image> x, int filters) =>
        ConvBnRelu(ConvBnRelu(x, filters), filters)
            .MaxPool(2);

    /// <summary>
    /// A block can also be a value, a <see cref="Func{T, TResult}"/>, to pass around or pick at
    /// run time. The width comes from the input's shape, so it fits wherever it is used.
    /// </summary>
    public static readonly Func<Net<Image>, Net<Image>> Refine = x =>
        ConvBnRelu(x, x.Shape.Channels)
            .Conv(x.Shape.Channels, 3, pad: Padding.Same, bias: false)
            .BatchNorm();
}
