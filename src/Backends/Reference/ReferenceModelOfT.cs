using System.Numerics;
using FluentNets.Graph;

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
            foreach (var p in node.Parameters)
            {
                state[p.NameOn(node.Name)] = Initializer.Initial(p, random).Select(T.CreateChecked).ToArray();
            }
        }

        dropoutRandom = new Random(random.Next());
        foreach (var node in network.Nodes.Where(n => n != network.Input))
        {
            steps[node.Id] = LayerPlans.For(node.Layer, node.Name).Plan(new PlanContext<T>(node, state, dropoutRandom));
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
}
