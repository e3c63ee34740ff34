using FluentNets.Backends.TorchSharp.Training;
using FluentNets.Data;
using FluentNets.Graph;
using FluentNets.Training;
using static TorchSharp.torch;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A network compiled by <see cref="TorchSharpBackend"/>: a TorchSharp module holding one
/// submodule per layer with state, on one device. <see cref="Forward"/> copies in and out of host
/// memory and leaves no tensor alive but the module's parameters and buffers; training code can
/// use <see cref="Module"/> and <see cref="ForwardTensors"/> directly. A network compiled with
/// <see cref="TorchSharpBackend.CompileForInference"/> (<see cref="IsCompiledForInference"/>) only infers.
/// </summary>
public sealed class TorchSharpNetwork : ITrainableNetwork, ILayerOutputs
{
    private readonly NetworkModule module;
    private readonly Device torchDevice;
    private readonly Dictionary<string, Tensor> state;
    private readonly long[] batchShape;

    internal TorchSharpNetwork(Network network, NetworkModule module, string backend, string device, Device torchDevice)
    {
        Network = network;
        this.module = module;
        this.torchDevice = torchDevice;
        Backend = backend;
        Device = device;
        Parameters = ParameterLayout.Of(module.ForInference ? network.WithoutAuxiliary() : network);
        Layout = module.ForInference ? ParameterLayout.Of(network) : Parameters;
        state = Parameters.ToDictionary(p => p.Name, p => module.State[p.Name], StringComparer.Ordinal);
        if (module.ForInference)
        {
            module.eval();
        }

        batchShape = HostTensor.BatchShape(network.Input.Shape, 1).Select(d => (long)d).ToArray();
    }

    /// <inheritdoc />
    public Network Network { get; }

    /// <inheritdoc />
    public string Backend { get; }

    /// <inheritdoc />
    public string Device { get; }

    /// <inheritdoc />
    /// <remarks>Compiled for inference, the auxiliary heads' parameters are left out: they are not allocated.</remarks>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>
    /// Whether the network was compiled for inference (<see cref="TorchSharpBackend.CompileForInference"/>):
    /// BatchNorm folded into the layers before it, no auxiliary heads, activations in place; it refuses
    /// training.
    /// </summary>
    public bool IsCompiledForInference => module.ForInference;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> FoldedLayers => module.Folded;

    // Every parameter of the network, auxiliary heads included: what SetState also accepts.
    private IReadOnlyList<ParameterInfo> Layout { get; }

    /// <summary>
    /// The TorchSharp module, for training code: its parameters and buffers are this network's
    /// state (torch names equal <see cref="Parameters"/>' names for layer names without a '.'),
    /// <c>train()</c> and <c>eval()</c> switch its mode, and calling it gives the main output in
    /// that mode. It lives on <see cref="Device"/>; compile again rather than moving it. Compiled for
    /// inference, it holds the folded kernels and runs in inference mode only.
    /// </summary>
    public nn.Module<Tensor, Tensor> Module => module;

    /// <summary>The torch device the module lives on (<see cref="Device"/> as libtorch names it).</summary>
    public Device TorchDevice => torchDevice;

    /// <summary>
    /// Runs a batch of torch tensors: puts the module in <paramref name="training"/> mode (when it is
    /// not in it already, so a submodule switched by hand stays as it is while the mode holds) and
    /// returns the main output under <see cref="Network.Outputs"/>' first name and, in training mode,
    /// every auxiliary head under its name. Autograd records the pass unless the caller disabled it;
    /// intermediates are disposed as soon as they are read, the outputs belong to the caller.
    /// </summary>
    /// <param name="input">A batch in (N, C, H, W) or (N, C) layout; moved to <see cref="Device"/> if it is elsewhere.</param>
    /// <param name="training">Training mode: dropout on, BatchNorm on batch statistics, auxiliary heads evaluated.</param>
    /// <param name="logits">
    /// Return an output that ends in a softmax (fused into its convolution or dense layer, or a Softmax
    /// activation layer) as the scores before it, for a cross-entropy loss computed from logits.
    /// Other outputs are returned as they are.
    /// </param>
    /// <exception cref="ArgumentException">The input's shape is not a batch of the network's input shape.</exception>
    /// <exception cref="InvalidOperationException">Training mode asked of a network compiled for inference.</exception>
    /// <remarks>
    /// Compiled for inference, the pass runs in libtorch's inference mode whatever the caller set, and
    /// the outputs are inference tensors: autograd cannot record an operation on them.
    /// </remarks>
    public IReadOnlyDictionary<string, Tensor> ForwardTensors(Tensor input, bool training = false, bool logits = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.shape);
        RefuseTrainingIfInference(training);
        SetMode(training);
        using var inferenceMode = module.ForInference ? inference_mode(true) : null;
        if (input.device == torchDevice)
        {
            return module.Run(input, withAuxiliary: training, logits);
        }

        using var moved = input.to(torchDevice);
        return module.Run(moved, withAuxiliary: training, logits);
    }

    /// <summary>
    /// The live parameter or buffer named <paramref name="name"/> in <see cref="Parameters"/>, e.g.
    /// <c>conv2d.weight</c>: the module's own tensor, not a copy, for training code such as an L2 penalty.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No parameter or buffer has that name.</exception>
    /// <exception cref="InvalidOperationException">The network was compiled for inference, whose kernels hold folded values.</exception>
    public Tensor StateTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        RefuseTrainingIfInference(training: module.ForInference);
        return state.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"{name}: not a parameter or buffer of {Network.Name}. Names look like {Parameters.FirstOrDefault()?.Name ?? "(none: the network has no state)"}.");
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Shape.Select(d => (long)d).ToArray());
        RefuseTrainingIfInference(training);
        using var scope = NewDisposeScope();
        using var noGrad = NoGradient();
        using var x = HostTensors.ToTorch(input, torchDevice);
        SetMode(training);
        var outputs = module.Run(x, withAuxiliary: training);
        return outputs.ToDictionary(o => o.Key, o => HostTensors.FromTorch(o.Value), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input) => CopyLayers(input, null);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input, IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return CopyLayers(input, names);
    }

    // Only the named layers leave the device: a whole Inception-v3 at 299x299 is hundreds of megabytes of activations.
    private Dictionary<string, HostTensor> CopyLayers(HostTensor input, IReadOnlySet<string>? names)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Shape.Select(d => (long)d).ToArray());
        using var scope = NewDisposeScope();
        using var noGrad = NoGradient();
        using var x = HostTensors.ToTorch(input, torchDevice);
        SetMode(false);
        var layers = new Dictionary<string, HostTensor>(StringComparer.Ordinal);
        var folded = module.Folded;
        module.Run(x, withAuxiliary: false, observe: (node, value) =>
        {
            if (node != Network.Input && !folded.ContainsKey(node.Name) && (names is null || names.Contains(node.Name)))
            {
                layers[node.Name] = HostTensors.FromTorch(value);
            }
        });
        return layers;
    }

    /// <inheritdoc />
    /// <remarks>Compiled for inference, a folded layer's kernel and bias are computed back from the folded values: equal to those set within a float's rounding.</remarks>
    public IReadOnlyDictionary<string, HostTensor> GetState()
    {
        using var scope = NewDisposeScope();
        return Parameters.ToDictionary(p => p.Name, module.Read, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Compiled for inference, the values are the unfolded ones, as <see cref="Parameters"/> names them or
    /// with the auxiliary heads' too (checked, then dropped); each BatchNorm is folded again.
    /// </remarks>
    public void SetState(IReadOnlyDictionary<string, HostTensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var held = Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        StateCheck.Validate(values.Keys.All(held.Contains) ? Parameters : Layout, values);
        module.Write(Parameters, values);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">Epochs or BatchSize is not positive.</exception>
    /// <exception cref="InvalidOperationException">The network was compiled for inference.</exception>
    public TrainingHistory Fit(DataSet train, FitOptions options)
    {
        RefuseTrainingIfInference(training: true);
        return Trainer.Fit(this, train, options);
    }

    /// <inheritdoc />
    public Evaluation Evaluate(DataSet data, int batchSize = 128) => Trainer.Evaluate(this, data, batchSize);

    /// <inheritdoc />
    public HostTensor Predict(HostTensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Shape.Select(d => (long)d).ToArray());
        return Trainer.Predict(this, input);
    }

    /// <summary>Disposes the module with its parameters and buffers.</summary>
    public void Dispose() => module.Dispose();

    private void RefuseTrainingIfInference(bool training)
    {
        if (training && module.ForInference)
        {
            throw new InvalidOperationException(NetworkModule.InferenceOnly(Network));
        }
    }

    // A network compiled for inference runs in inference mode, which also skips autograd's version counters.
    private IDisposable NoGradient() => module.ForInference ? inference_mode(true) : no_grad();

    // Module.train visits every submodule with a native call each; most calls find the mode already set.
    private void SetMode(bool training)
    {
        if (module.training != training)
        {
            module.train(training);
        }
    }

    private void CheckInput(long[] shape)
    {
        if (shape.Length != batchShape.Length || shape[0] < 1 || !shape.AsSpan(1).SequenceEqual(batchShape.AsSpan(1)))
        {
            string wanted = $"[N, {string.Join(", ", batchShape.Skip(1))}]";
            throw new ArgumentException(
                $"Expected a batch of shape {wanted} (N >= 1) for the input {Network.Input.Name} {Network.Input.Shape.ToKeras()} of {Network.Name}. Received: input=[{string.Join(", ", shape)}].",
                "input");
        }
    }
}
