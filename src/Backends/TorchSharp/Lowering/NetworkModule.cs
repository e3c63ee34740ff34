using FluentNets.Graph;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A DSL network as one TorchSharp module: a submodule per node with state (<see cref="LayerState"/>),
/// registered under the node's name (so <c>inception_3a/1x1.weight</c> is both the torch name and the
/// layout name), each node run by its kind's <see cref="ILayerLowering"/>, and a
/// forward pass that runs the nodes in topological order and drops each intermediate as soon as
/// its last reader has run. <see cref="nn.Module{T, TResult}.forward"/> gives the main output in the
/// module's current mode; <see cref="Run"/> also gives the auxiliary heads.
/// </summary>
/// <remarks>
/// Compiled for inference, the module holds the inference graph only (no auxiliary head is
/// allocated), folds each BatchNorm it can into the layer before it (<see cref="BatchNormFold"/>),
/// and lets a layer with an in-place form (<see cref="LoweredNode.InPlace"/>) overwrite its input when
/// nothing reads that input after it; it refuses training mode.
/// </remarks>
internal sealed class NetworkModule : nn.Module<Tensor, Tensor>
{
    private readonly LoweredNode[] nodes;
    private readonly Plan inference;
    private readonly Plan? complete;
    private readonly Dictionary<string, Tensor> state = new(StringComparer.Ordinal);
    private readonly Convolution[] convolutions;
    private readonly BatchNormFold[] folds;
    private readonly Dictionary<int, BatchNormFold> foldsByLayer;
    private bool kernelsChecked;

    public NetworkModule(Network network, Device device, Generator generator, bool checkKernels = true, bool forInference = false)
        : base(network.Name)
    {
        kernelsChecked = !checkKernels || device.type != global::TorchSharp.DeviceType.CPU;
        Network = network;
        Device = device;
        ForInference = forInference;
        var graph = forInference ? network.InferenceNodes : network.Nodes;
        var running = graph.Select(n => n.Id).ToHashSet();
        var pairs = forInference ? BatchNormFold.Find(network) : [];
        var foldedLayers = pairs.Select(p => p.Layer.Id).ToHashSet();
        var producers = pairs.ToDictionary(p => p.BatchNorm.Id, p => p.Layer);
        var layerStates = new Dictionary<int, LayerState>();
        var lowered = new List<LoweredNode>(graph.Count);
        var folded = new List<BatchNormFold>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in network.Nodes)
        {
            if (!running.Contains(node.Id))
            {
                // An auxiliary head's weights are drawn and dropped, so that every other layer gets
                // the weights Compile gives it with the same seed.
                foreach (var p in node.Parameters)
                {
                    using var dropped = TorchInitializers.Create(p, CPU, generator);
                }

                continue;
            }

            LayerState? layerState = null;
            if (node.Parameters.Count > 0)
            {
                layerState = new LayerState(node, device, generator);
                register_module(ModuleKey(node, keys), layerState);
                layerStates[node.Id] = layerState;
                if (foldedLayers.Contains(node.Id) && layerState.Optional("bias") is null)
                {
                    layerState.AddBuffer("bias", zeros([node.Shape.Channels], ScalarType.Float32, device));
                }

                foreach (var p in node.Parameters)
                {
                    var tensor = layerState.ByRole[p.Role];
                    state[p.NameOn(node.Name)] = tensor;
                    if ((forInference || network.IsFrozen(node)) && tensor is Parameter parameter)
                    {
                        // No gradient is computed or kept for a frozen layer, and optimizers never see
                        // it; a network compiled for inference computes none at all.
                        parameter.requires_grad = false;
                    }
                }
            }

            var lowering = LayerLowerings.For(node.Layer, node.Name).Lower(new LoweringContext(node, layerState, device, network.IsFrozen(node), forInference));
            if (producers.TryGetValue(node.Id, out var producer))
            {
                var fold = new BatchNormFold(producer, node, layerStates[producer.Id], layerState!);
                folded.Add(fold);
                var normalise = lowering.Run;
                lowering = lowering with { Run = (x, training) => fold.Active ? x[0] : normalise(x, training) };
            }

            lowered.Add(lowering);
        }

        nodes = [.. lowered];
        folds = [.. folded];
        foldsByLayer = folds.ToDictionary(f => f.Layer.Id);
        foreach (var fold in folds)
        {
            fold.Apply();
        }

        convolutions = nodes.SelectMany(n => n.Convolutions).ToArray();
        var index = graph.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i);
        inference = new Plan(network.Input, network.InferenceNodes, [(network.Output.Name, network.Output)], index);
        complete = forInference ? null : new Plan(network.Input, network.Nodes, network.Outputs, index);
    }

    /// <summary>The network it was built from.</summary>
    public Network Network { get; }

    /// <summary>The device its parameters and buffers live on.</summary>
    public Device Device { get; }

    /// <summary>Every convolution the network runs, in node order, as the kernel check sees them.</summary>
    public IReadOnlyList<Convolution> Convolutions => convolutions;

    /// <summary>
    /// Every parameter and buffer by its layout name (<see cref="Layers.ParameterSpec.NameOn"/>), as its
    /// layer declares it; compiled for inference, a folded layer's kernel and bias hold the folded values.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> State => state;

    /// <summary>Whether the module was compiled for inference.</summary>
    public bool ForInference { get; }

    /// <summary>The BatchNorms folded into the layer before them (compiled for inference), by that layer's name.</summary>
    public IReadOnlyDictionary<string, string> Folded =>
        folds.Where(f => f.Active).ToDictionary(f => f.Layer.Name, f => f.BatchNorm.Name, StringComparer.Ordinal);

    /// <summary>
    /// A host copy of the parameter <paramref name="parameter"/> as it was set: for a folded layer's
    /// kernel and bias, computed back from the folded values (<see cref="BatchNormFold.Unfold"/>).
    /// </summary>
    public HostTensor Read(ParameterInfo parameter)
    {
        if (parameter.Layer is { } layer && foldsByLayer.TryGetValue(layer.Id, out var fold) && fold.Active
            && parameter.Spec is { } spec && (spec.Role == fold.WeightRole || spec.Role == "bias"))
        {
            return fold.Unfold(spec.Role);
        }

        return HostTensors.FromTorch(state[parameter.Name]);
    }

    /// <summary>
    /// Copies <paramref name="values"/> into the parameters named in <paramref name="parameters"/>,
    /// then folds again where the module was compiled for inference.
    /// </summary>
    public void Write(IEnumerable<ParameterInfo> parameters, IReadOnlyDictionary<string, HostTensor> values)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var p in parameters)
        {
            using var source = HostTensors.ToTorch(values[p.Name], Device);
            state[p.Name].copy_(source);
        }

        foreach (var fold in folds)
        {
            fold.Apply();
        }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Run(input, withAuxiliary: false)[Network.Output.Name];

    /// <summary>
    /// Runs the nodes in the module's current mode: the main output, and with
    /// <paramref name="withAuxiliary"/> every auxiliary head too, keyed by <see cref="Network.Outputs"/>' names.
    /// With <paramref name="logits"/>, an output that ends in a softmax is given before it.
    /// Intermediates are disposed as soon as nothing reads them; the outputs belong to the caller.
    /// </summary>
    /// <param name="input">The batch.</param>
    /// <param name="withAuxiliary">Also run and return the auxiliary heads.</param>
    /// <param name="logits">Give outputs that end in a softmax before it.</param>
    /// <param name="observe">Called with every node's output as soon as it is computed, before anything is released.</param>
    public Dictionary<string, Tensor> Run(Tensor input, bool withAuxiliary, bool logits = false, Action<Node, Tensor>? observe = null)
    {
        if (ForInference && (training || withAuxiliary))
        {
            throw new InvalidOperationException(InferenceOnly(Network));
        }

        if (!kernelsChecked)
        {
            CheckKernels();
        }

        var plan = withAuxiliary ? complete! : inference;
        var values = new Tensor?[nodes.Length];

        // A node may hand an input through as its output (dropout at rate 0, an add of one input), so
        // one tensor can sit in several slots: owner[i] is the step that made values[i], holders[o]
        // how many live slots hold step o's tensor, and a tensor is disposed when the last one lets go.
        var owner = new int[nodes.Length];
        var holders = new int[nodes.Length];
        Dictionary<int, Tensor>? scores = null;

        // A layer may write into its first input only where this step is that value's last reader and
        // reads it once (add(x, y, x) reads x after writing it), no other slot holds the same tensor,
        // and no other live value and not the caller's input shares its memory: a channel slice, a
        // reshape or a crop is a view of the tensor it reads.
        var storage = ForInference ? new nint[nodes.Length] : [];
        nint inputStorage = ForInference ? StorageOf(input) : 0;
        bool Overwritable(int source, int step)
        {
            if (plan.LastReader[source] != step || holders[owner[source]] != 1 || storage[source] == 0 || storage[source] == inputStorage
                || Array.IndexOf(plan.Inputs[step], source, 1) >= 0)
            {
                return false;
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (i != source && values[i] is not null && storage[i] == storage[source])
                {
                    return false;
                }
            }

            return true;
        }

        foreach (int step in plan.Steps)
        {
            var lowered = nodes[step];
            int[] sources = plan.Inputs[step];
            Tensor? value;
            if (step == plan.InputStep)
            {
                value = input;
            }
            else
            {
                var arguments = new Tensor[sources.Length];
                for (int i = 0; i < sources.Length; i++)
                {
                    arguments[i] = values[sources[i]]!;
                }

                bool scored = logits && lowered.Logits is not null && plan.Outputs.Contains(step);
                if (scored)
                {
                    (scores ??= [])[step] = lowered.Logits!(arguments, training);
                }

                value = scored && !plan.Read.Contains(step) ? null
                    : lowered.InPlace is { } inPlace && ForInference && Overwritable(sources[0], step)
                    ? inPlace(arguments)
                    : lowered.Run(arguments, training);
            }

            if (value is not null)
            {
                observe?.Invoke(lowered.Node, value);
                values[step] = value;
                if (ForInference)
                {
                    storage[step] = StorageOf(value);
                }

                owner[step] = step;
                foreach (int source in sources)
                {
                    if (ReferenceEquals(value, values[source]))
                    {
                        owner[step] = owner[source];
                    }
                }

                holders[owner[step]]++;
            }

            foreach (int done in plan.Released[step])
            {
                var released = values[done]!;
                values[done] = null;
                if (--holders[owner[done]] == 0 && !ReferenceEquals(released, input))
                {
                    released.Dispose();
                }
            }
        }

        var outputs = new Dictionary<string, Tensor>(plan.Named.Length, StringComparer.Ordinal);
        foreach (var (name, step) in plan.Named)
        {
            outputs[name] = scores is not null && scores.TryGetValue(step, out var score) ? score : values[step]!;
        }

        if (scores is not null)
        {
            // An output read by other nodes was also computed with its softmax; the caller gets the logits instead.
            var returned = outputs.Values.ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (int step in scores.Keys)
            {
                if (values[step] is { } probabilities && !returned.Contains(probabilities))
                {
                    probabilities.Dispose();
                }
            }
        }

        return outputs;
    }

    /// <summary>The one line a network compiled for inference answers a request to train with.</summary>
    public static string InferenceOnly(Network network) =>
        $"{network.Name} was compiled for inference (TorchSharpBackend.CompileForInference): its BatchNorms are folded into the layers before them and its dropout and auxiliary heads are left out, so it does not train or run in training mode; compile it with Compile to train it.";

    /// <summary>
    /// Runs <see cref="ConvolutionKernelCheck"/> on this network's convolutions and switches oneDNN off
    /// around those it found wrong; once per module.
    /// </summary>
    public void CheckKernels()
    {
        ConvolutionKernelCheck.Check(convolutions.Select(c => c.Configuration));
        foreach (var convolution in convolutions)
        {
            convolution.AvoidOneDnn = ConvolutionKernelCheck.AvoidsOneDnn(convolution.Configuration);
        }

        kernelsChecked = true;
    }

    // Where the memory a tensor views begins: every view of one tensor has the same. TorchSharp's
    // storage() makes a second handle to the tensor, which would keep the memory alive until the
    // garbage collector finalizes it; the scope disposes it at once. 0 for a tensor neither float
    // nor double, which is never overwritten.
    private static nint StorageOf(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.dtype switch
        {
            ScalarType.Float32 => tensor.storage<float>().data_ptr(),
            ScalarType.Float64 => tensor.storage<double>().data_ptr(),
            _ => 0,
        };
    }

    private static string ModuleKey(Node node, HashSet<string> taken)
    {
        // libtorch joins qualified names with '.', so a module name cannot hold one; the layout
        // name map keeps the DSL's name either way.
        string key = node.Name.Replace('.', '_');
        while (!taken.Add(key))
        {
            key = $"{key}_{node.Id}";
        }

        return key;
    }

    /// <summary>Which nodes run, where their inputs are, and after which step each value is no longer read.</summary>
    private sealed class Plan
    {
        public Plan(Node input, IReadOnlyList<Node> run, IReadOnlyList<(string Name, Node Node)> outputs, Dictionary<int, int> index)
        {
            int count = index.Count;
            Named = outputs.Select(o => (o.Name, index[o.Node.Id])).ToArray();
            Steps = run.Select(n => index[n.Id]).ToArray();
            InputStep = index[input.Id];
            Inputs = new int[count][];
            var lastRead = new Dictionary<int, int>();
            foreach (var node in run)
            {
                int step = index[node.Id];
                Inputs[step] = node.Inputs.Select(i => index[i.Id]).ToArray();
                foreach (int source in Inputs[step])
                {
                    lastRead[source] = step;
                }
            }

            Read = lastRead.Keys.ToHashSet();
            Outputs = Named.Select(o => o.Step).ToHashSet();
            foreach (int output in Outputs)
            {
                lastRead.Remove(output);
            }

            Released = new int[count][];
            LastReader = new int[count];
            for (int i = 0; i < count; i++)
            {
                Released[i] = [];
                LastReader[i] = -1;
            }

            foreach (var group in lastRead.GroupBy(p => p.Value))
            {
                Released[group.Key] = group.Select(p => p.Key).ToArray();
            }

            foreach (var (source, step) in lastRead)
            {
                LastReader[source] = step;
            }
        }

        /// <summary>The outputs the plan returns, by name, with their steps.</summary>
        public (string Name, int Step)[] Named { get; }

        public int[] Steps { get; }

        public int InputStep { get; }

        public int[][] Inputs { get; }

        public int[][] Released { get; }

        /// <summary>The step after which each value is released; -1 for outputs and values nothing reads.</summary>
        public int[] LastReader { get; }

        /// <summary>Steps whose value another step of the plan reads.</summary>
        public HashSet<int> Read { get; }

        /// <summary>Steps whose value is an output.</summary>
        public HashSet<int> Outputs { get; }
    }
}
