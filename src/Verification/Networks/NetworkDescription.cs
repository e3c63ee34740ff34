using System.Collections.Immutable;
using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Verification;

/// <summary>
/// A generated network as data: an image input, stages (layers, merges of branches, residual,
/// Inception and squeeze-and-excitation blocks, scaled residuals and gates), and an optional
/// vector head of Dense layers.
/// It builds itself through the DSL, the oracle predicts every layer of it without the DSL's
/// code, and it prints as the fluent C# that builds it, so a failing case can be read and replayed.
/// </summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Body">The stages, in order.</param>
/// <param name="Head">How the image becomes a vector, if it does.</param>
/// <param name="Dense">Dense layers after the head; empty when there is no head.</param>
[Generates(typeof(InputLayer))]
[Generates(typeof(Flatten))]
[Generates(typeof(GlobalPooling2D))]
[Generates(typeof(Dense))]
public sealed record NetworkDescription(
    int Height, int Width, int Channels, ImmutableArray<Stage> Body, VectorHead Head, ImmutableArray<DenseLayer> Dense)
{
    /// <summary>The input's dimensions.</summary>
    public ImageDims Input => new(Height, Width, Channels);

    /// <summary>Whether the network has no branches or blocks: only layers, one after the other.</summary>
    public bool IsSequential => Body.All(s => s is not (MergeStage or ResidualStage or InceptionStage or SqueezeExciteStage or ScaledAddStage or GateStage));

    /// <summary>Builds the network.</summary>
    /// <exception cref="NetBuildException">A stage breaks a rule (only for descriptions that were not generated valid).</exception>
    public Network Build() => Finish(Net.Input(Height, Width, Channels), 0);

    /// <summary>The handle after the first <paramref name="count"/> stages.</summary>
    /// <exception cref="NetBuildException">One of those stages breaks a rule.</exception>
    public Net<Image> BuildStages(int count) => Stage.AddAll(Body.Take(count), Net.Input(Height, Width, Channels));

    /// <summary>Adds the stages from <paramref name="first"/> on and the head to <paramref name="x"/>.</summary>
    /// <exception cref="NetBuildException">A stage breaks a rule.</exception>
    public Network Finish(Net<Image> x, int first)
    {
        x = Stage.AddAll(Body.Skip(first), x);
        Net<Vector> v;
        switch (Head)
        {
            case VectorHead.None:
                return x.ToNetwork();
            case VectorHead.Flatten:
                v = x.Flatten();
                break;
            case VectorHead.GlobalAvgPool:
                v = x.GlobalAvgPool();
                break;
            default:
                v = x.GlobalMaxPool();
                break;
        }

        v = Dense.Aggregate(v, (y, d) => y.Dense(d.Units, bias: d.Bias, activation: d.Activation));
        return v.ToNetwork();
    }

    /// <summary>The oracle's account of every layer after the input, in creation order, or of the first failure.</summary>
    public NetworkExpectation Expected() => ExpectFrom(OracleScope.Start(), Input, 0);

    /// <summary>The oracle over the stages from <paramref name="first"/> on, on <paramref name="image"/>, then the head.</summary>
    internal NetworkExpectation ExpectFrom(OracleScope scope, ImageDims image, int first)
    {
        image = Stage.ExpectAll(Body.Skip(first), scope, image);
        if (scope.Failed || Head == VectorHead.None)
        {
            return scope.Result();
        }

        var (prefix, features) = Head switch
        {
            VectorHead.Flatten => ("flatten", image.Height * image.Width * image.Channels),
            VectorHead.GlobalAvgPool => ("global_average_pooling2d", image.Channels),
            _ => ("global_max_pooling2d", image.Channels),
        };
        scope.Layer(scope.Propose(null, prefix), Shape.Vector(features));
        foreach (var dense in Dense)
        {
            scope.Layer(
                scope.Propose(null, "dense"),
                Shape.Vector(dense.Units),
                Oracle.DenseParams(features, dense.Units, dense.Bias),
                macs: Oracle.DenseMacs(features, dense.Units));
            features = dense.Units;
        }

        return scope.Result();
    }

    /// <summary>The oracle's output of the first <paramref name="count"/> stages.</summary>
    public ImageDims DimsAfter(int count) => Stage.ExpectAll(Body.Take(count), OracleScope.Start(), Input);

    /// <summary>The fluent C# that builds the network.</summary>
    public override string ToString()
    {
        string head = Head switch
        {
            VectorHead.None => "",
            VectorHead.Flatten => ".Flatten()",
            VectorHead.GlobalAvgPool => ".GlobalAvgPool()",
            _ => ".GlobalMaxPool()",
        };
        return $"Net.Input({Height}, {Width}, {Channels}){string.Concat(Body)}{head}{string.Concat(Dense)}.ToNetwork()";
    }
}
