using FluentNets.Graph;
using FluentNets.Layers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// Turns each DSL layer spec into TorchSharp: a module for layers with state (convolutions, dense,
/// BatchNorm), a function of the inputs for the rest. Tensors are NCHW or NC; the DSL's (H, W, C)
/// order matters only for Flatten, which permutes to NHWC first so a following Dense weight has
/// Keras's layout, unless it was asked for PyTorch's (C, H, W) order.
/// </summary>
internal static class NodeLowering
{
    /// <summary>
    /// Lowers <paramref name="node"/>, drawing any kernel from <paramref name="generator"/>. A
    /// <paramref name="frozen"/> BatchNormalization always normalises with its moving statistics, as Keras 3's does.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer has no lowering.</exception>
    public static LoweredNode Lower(Node node, Device device, Generator generator, bool frozen = false)
    {
        long cin = node.Inputs.Length > 0 ? node.Inputs[0].Shape.Channels : 0;
        (long, long) inputSize = node.Inputs.Length > 0 && node.Inputs[0].Shape.IsImage ? (node.Inputs[0].Shape.Height, node.Inputs[0].Shape.Width) : (1, 1);
        switch (node.Layer)
        {
            case InputLayer:
                return Function(node, (x, _) => x[0]);

            case Conv2D c:
            {
                var k = c.Kernel;
                var weight = KerasInitializers.GlorotUniform(
                    [c.Filters, cin / c.Groups, k.H, k.W], fanIn: cin / c.Groups * k.H * k.W, fanOut: (long)c.Filters * k.H * k.W, device, generator);
                var bias = c.UseBias ? KerasInitializers.Zeros([c.Filters], device) : null;
                var module = new ConvolutionModule(node.Name, weight, bias, Window(node), c.Groups, c.Activation, inputSize);
                return WithModule(node, module, c.Activation, module.Linear);
            }

            case DepthwiseConv2D d:
            {
                // Keras's depthwise kernel is (Kh, Kw, C, M): fan_in = C·Kh·Kw, fan_out = M·Kh·Kw.
                var k = d.Kernel;
                long cout = node.Shape.Channels;
                var weight = KerasInitializers.GlorotUniform(
                    [cout, 1, k.H, k.W], fanIn: cin * k.H * k.W, fanOut: (long)d.DepthMultiplier * k.H * k.W, device, generator);
                var bias = d.UseBias ? KerasInitializers.Zeros([cout], device) : null;
                var module = new ConvolutionModule(node.Name, weight, bias, Window(node), cin, d.Activation, inputSize);
                return WithModule(node, module, d.Activation, module.Linear);
            }

            case SeparableConv2D s:
            {
                // Keras: depthwise kernel (Kh, Kw, C, M), pointwise kernel (1, 1, C·M, F).
                var k = s.Kernel;
                long middle = cin * s.DepthMultiplier;
                var depthwiseWeight = KerasInitializers.GlorotUniform(
                    [middle, 1, k.H, k.W], fanIn: cin * k.H * k.W, fanOut: (long)s.DepthMultiplier * k.H * k.W, device, generator);
                var pointwiseWeight = KerasInitializers.GlorotUniform([s.Filters, middle, 1, 1], fanIn: middle, fanOut: s.Filters, device, generator);
                var bias = s.UseBias ? KerasInitializers.Zeros([s.Filters], device) : null;
                var depthwise = new ConvolutionModule("depthwise", depthwiseWeight, null, Window(node), cin, Activation.None, inputSize);
                var pointwise = new ConvolutionModule("pointwise", pointwiseWeight, null, SeparableConvolutionModule.PointwiseWindow, 1, Activation.None, (node.Shape.Height, node.Shape.Width));
                var module = new SeparableConvolutionModule(node.Name, depthwise, pointwise, bias, s.Activation);
                return WithModule(node, module, s.Activation, module.Linear);
            }

            case Dense d:
            {
                var weight = KerasInitializers.GlorotUniform([d.Units, cin], fanIn: cin, fanOut: d.Units, device, generator);
                var bias = d.UseBias ? KerasInitializers.Zeros([d.Units], device) : null;
                var module = new DenseModule(node.Name, weight, bias, d.Activation);
                return WithModule(node, module, d.Activation, module.Linear);
            }

            case BatchNormalization b:
                return WithModule(node, new BatchNormModule(node.Name, node.Shape.Channels, b.Momentum, b.Epsilon, b.Center, b.Scale, device) { Frozen = frozen }, Activation.None, null);

            case Pooling2D p:
            {
                var window = Window(node);
                long outH = node.Shape.Height, outW = node.Shape.Width;
                return p.Kind == PoolKind.Max
                    ? Function(node, (x, _) => Windows.MaxPool(x[0], window, p.CeilMode, outH, outW))
                    : Function(node, (x, _) => Windows.AvgPool(x[0], window, p.CeilMode, p.CountPadding, outH, outW));
            }

            case AdaptiveAveragePooling2D a:
            {
                long[] size = [a.OutputSize.H, a.OutputSize.W];
                return Function(node, (x, _) => F.adaptive_avg_pool2d(x[0], size));
            }

            case GlobalPooling2D g:
                return g.Kind == PoolKind.Max
                    ? Function(node, (x, _) => x[0].amax([2, 3]))
                    : Function(node, (x, _) => x[0].mean([2, 3]));

            case ZeroPadding2D z:
            {
                long[] pads = [z.Left, z.Right, z.Top, z.Bottom];
                return Function(node, (x, _) => F.pad(x[0], pads));
            }

            case Layers.Flatten { Order: FlattenOrder.ChannelsHeightWidth }:
                return Function(node, (x, _) => x[0].flatten(1));

            case Layers.Flatten:
                return Function(node, (x, _) =>
                {
                    using var channelsLast = x[0].permute(0, 2, 3, 1);
                    return channelsLast.flatten(1);
                });

            case Layers.Dropout d:
                return Function(node, (x, training) => d.Rate == 0 ? x[0] : F.dropout(x[0], d.Rate, training));

            case ActivationLayer a:
                return Function(node, (x, _) => Activations.Apply(x[0], a.Function, a.Alpha)) with
                {
                    Logits = a.Function == Activation.Softmax ? (x, _) => x[0].alias() : null,
                };

            case LocalResponseNormalization l:
                return Function(node, (x, _) => F.local_response_norm(x[0], l.Size, l.Alpha, l.Beta, l.K));

            case Concatenate:
                return Function(node, (x, _) => cat(x.ToArray(), 1));

            case Layers.Add:
                return Function(node, (x, _) => Combine(x, (a, b) => a.add(b)));

            case Layers.Multiply:
            {
                bool image = node.Shape.IsImage;
                return Function(node, (x, _) =>
                {
                    // A C-vector scales an HxWxC image channel by channel: view it as (N, C, 1, 1).
                    var views = x.Select(t => image && t.dim() == 2 ? t.view(t.shape[0], t.shape[1], 1, 1) : t).ToArray();
                    var product = Combine(views, (a, b) => a.mul(b));
                    foreach (var view in views.Where(v => !x.Contains(v) && !ReferenceEquals(v, product)))
                    {
                        view.Dispose();
                    }

                    return product;
                });
            }

            default:
                throw new NotSupportedException($"{node.Name}: the TorchSharp backend has no lowering for {node.Layer.KerasType}.");
        }
    }

    private static LoweredNode Function(Node node, Func<IReadOnlyList<Tensor>, bool, Tensor> run) => new(node, null, run);

    private static LoweredNode WithModule(Node node, nn.Module<Tensor, Tensor> module, Activation activation, Func<Tensor, Tensor>? linear) =>
        new(node, module, (x, _) => module.call(x[0]), activation == Activation.Softmax && linear is not null ? (x, _) => linear(x[0]) : null);

    private static Window2D Window(Node node) =>
        node.Window ?? throw new NotSupportedException($"{node.Name}: {node.Layer.KerasType} has no resolved window.");

    private static Tensor Combine(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor, Tensor> op)
    {
        if (inputs.Count == 1)
        {
            return inputs[0];
        }

        var result = op(inputs[0], inputs[1]);
        for (int i = 2; i < inputs.Count; i++)
        {
            using var previous = result;
            result = op(previous, inputs[i]);
        }

        return result;
    }
}
