using System.Numerics;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>
/// The state and the per-node steps of a compiled network in one precision. Each node becomes a
/// step when the network is compiled, so an unsupported layer fails then; steps read the state
/// arrays, which <see cref="SetState"/> overwrites in place.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class ReferenceModel<T> : IReferenceModel
    where T : IFloatingPointIeee754<T>
{
    private readonly Network network;
    private readonly IReadOnlyList<ParameterInfo> parameters;
    private readonly Dictionary<string, T[]> state = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Func<Tensor<T>[], bool, Tensor<T>>> steps = [];
    private readonly Random dropoutRandom;

    public ReferenceModel(Network network, IReadOnlyList<ParameterInfo> parameters, int seed)
    {
        this.network = network;
        this.parameters = parameters;
        var random = new Random(seed);
        foreach (var node in network.Nodes)
        {
            foreach (var p in ParameterLayout.Of(node))
            {
                state[p.Name] = Initializer.Initial(node, p, random).Select(T.CreateChecked).ToArray();
            }
        }

        dropoutRandom = new Random(random.Next());
        foreach (var node in network.Nodes.Where(n => n.Layer is not InputLayer))
        {
            steps[node.Id] = Plan(node);
        }
    }

    public IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training)
    {
        var values = new Dictionary<int, Tensor<T>> { [network.Input.Id] = Tensor<T>.FromHost(input, network.Input.Shape) };
        foreach (var node in training ? network.Nodes : network.InferenceNodes)
        {
            if (node != network.Input)
            {
                values[node.Id] = steps[node.Id](node.Inputs.Select(i => values[i.Id]).ToArray(), training);
            }
        }

        var outputs = new Dictionary<string, HostTensor>(StringComparer.Ordinal) { [network.Output.Name] = values[network.Output.Id].ToHost() };
        if (training)
        {
            foreach (var aux in network.Auxiliary)
            {
                outputs[aux.Name] = values[aux.Node.Id].ToHost();
            }
        }

        return outputs;
    }

    public IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input)
    {
        var values = new Dictionary<int, Tensor<T>> { [network.Input.Id] = Tensor<T>.FromHost(input, network.Input.Shape) };
        var layers = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        foreach (var node in network.InferenceNodes.Where(n => n != network.Input))
        {
            values[node.Id] = steps[node.Id](node.Inputs.Select(i => values[i.Id]).ToArray(), false);
            layers[node.Name] = values[node.Id].ToHost();
        }

        return layers;
    }

    public IReadOnlyDictionary<string, HostTensor> GetState() =>
        parameters.ToDictionary(p => p.Name, p => new HostTensor([.. p.Shape], state[p.Name].Select(float.CreateTruncating).ToArray()), StringComparer.Ordinal);

    public void SetState(IReadOnlyDictionary<string, HostTensor> values)
    {
        foreach (var p in parameters)
        {
            var source = values[p.Name].Data;
            var target = state[p.Name];
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = T.CreateChecked(source[i]);
            }
        }
    }

    private Func<Tensor<T>[], bool, Tensor<T>> Plan(Node node)
    {
        string n = node.Name;
        var window = node.Window;
        var shape = node.Shape;
        T[]? Optional(string name) => state.GetValueOrDefault(name);
        switch (node.Layer)
        {
            case Conv2D c:
            {
                var weight = state[$"{n}.weight"];
                var bias = Optional($"{n}.bias");
                return (x, _) => Fused(ConvolutionKernel.Apply(x[0], weight, bias, c.Filters, c.Groups, window!, shape.Height, shape.Width), c.Activation);
            }

            case DepthwiseConv2D d:
            {
                var weight = state[$"{n}.weight"];
                var bias = Optional($"{n}.bias");
                return (x, _) => Fused(
                    ConvolutionKernel.Apply(x[0], weight, bias, shape.Channels, groups: x[0].C, window!, shape.Height, shape.Width), d.Activation);
            }

            case SeparableConv2D s:
            {
                var depthwise = state[$"{n}.depthwise.weight"];
                var pointwise = state[$"{n}.pointwise.weight"];
                var bias = Optional($"{n}.bias");
                var pointwiseWindow = new Window2D(1, 1, 1, 0, 0, 0, 0);
                return (x, _) =>
                {
                    var mid = ConvolutionKernel.Apply(x[0], depthwise, null, x[0].C * s.DepthMultiplier, groups: x[0].C, window!, shape.Height, shape.Width);
                    return Fused(ConvolutionKernel.Apply(mid, pointwise, bias, s.Filters, 1, pointwiseWindow, shape.Height, shape.Width), s.Activation);
                };
            }

            case Dense d:
            {
                var weight = state[$"{n}.weight"];
                var bias = Optional($"{n}.bias");
                // On an image, Keras's Dense acts on the channels at every position: a 1x1 convolution
                // whose (F, C, 1, 1) kernel is the (units, in) weight as it is stored.
                var channels = new Window2D(new Size2(1, 1), new Size2(1, 1), new Size2(1, 1), 0, 0, 0, 0);
                return shape.IsImage
                    ? (x, _) => Fused(ConvolutionKernel.Apply(x[0], weight, bias, d.Units, 1, channels, shape.Height, shape.Width), d.Activation)
                    : (x, _) => Fused(DenseKernel.Apply(x[0], weight, bias, d.Units), d.Activation);
            }

            case Pooling2D { Kind: PoolKind.Max }:
                return (x, _) => PoolingKernel.Max(x[0], window!, shape.Height, shape.Width);
            case Pooling2D { CountPadding: true }:
                return (x, _) => PoolingKernel.AverageCountingPadding(x[0], window!, shape.Height, shape.Width);
            case Pooling2D:
                return (x, _) => PoolingKernel.Average(x[0], window!, shape.Height, shape.Width);
            case AdaptiveAveragePooling2D:
                return (x, _) => PoolingKernel.AdaptiveAverage(x[0], shape.Height, shape.Width);
            case GlobalPooling2D { Kind: PoolKind.Max }:
                return (x, _) => PoolingKernel.GlobalMax(x[0]);
            case GlobalPooling2D:
                return (x, _) => PoolingKernel.GlobalAverage(x[0]);
            case ZeroPadding2D z:
                return (x, _) => ReshapeKernel.ZeroPad(x[0], z.Top, z.Bottom, z.Left, z.Right);
            case Flatten { Order: FlattenOrder.ChannelsHeightWidth }:
                return (x, _) => ReshapeKernel.FlattenChannelsFirst(x[0]);
            case Flatten:
                return (x, _) => ReshapeKernel.Flatten(x[0]);
            case BatchNormalization b:
            {
                var gamma = Optional($"{n}.weight");
                var beta = Optional($"{n}.bias");
                var mean = state[$"{n}.running_mean"];
                var variance = state[$"{n}.running_var"];
                return (x, training) => training
                    ? NormalizationKernel.BatchNormTraining(x[0], gamma, beta, mean, variance, b.Momentum, b.Epsilon)
                    : NormalizationKernel.BatchNormInference(x[0], gamma, beta, mean, variance, b.Epsilon);
            }

            case LocalResponseNormalization l:
                return (x, _) => NormalizationKernel.LocalResponse(x[0], l.Size, l.Alpha, l.Beta, l.K);
            case Layers.Dropout d:
                return (x, training) => training ? DropoutKernel.Apply(x[0], d.Rate, dropoutRandom) : x[0];
            case ActivationLayer a:
                return (x, _) => ActivationKernel.Apply(x[0], a.Function, a.Alpha);
            case Concatenate:
                return (x, _) => MergeKernel.Concatenate(x);
            case Layers.Add:
                return (x, _) => MergeKernel.Add(x);
            case Layers.Multiply:
                return (x, _) => MergeKernel.Multiply(x, shape);
            default:
                throw new NotSupportedException($"{n}: the reference backend cannot run {node.Layer.KerasType} layers.");
        }
    }

    private static Tensor<T> Fused(Tensor<T> x, Activation activation) =>
        activation == Activation.None ? x : ActivationKernel.Apply(x, activation, ActivationNames.FusedLeakyReluAlpha);
}
