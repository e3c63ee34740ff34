using FluentNets.Graph;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// A layer's parameters and buffers as a module, made from its spec's declaration
/// (<see cref="Layers.LayerSpec.Parameters"/>): trainable ones as parameters, saved state (moving
/// statistics) as buffers, each with its declared initial values. A role with a dot (<c>depthwise.weight</c>)
/// is a submodule's (<c>depthwise</c>, <c>weight</c>), as PyTorch names it; a layer that is itself a
/// parameter (an empty role) registers it as <c>value</c>.
/// </summary>
internal sealed class LayerState : nn.Module
{
    private readonly Dictionary<string, Tensor> byRole = new(StringComparer.Ordinal);

    public LayerState(Node node, Device device, Generator generator)
        : base(node.Name)
    {
        foreach (var p in node.Parameters)
        {
            var tensor = TorchInitializers.Create(p, device, generator);
            byRole[p.Role] = tensor;
            Register(this, p.Role.Length == 0 ? "value" : p.Role, tensor, p.Trainable);
        }
    }

    private LayerState(string name)
        : base(name)
    {
    }

    /// <summary>The tensor of each declared parameter, by role.</summary>
    public IReadOnlyDictionary<string, Tensor> ByRole => byRole;

    /// <summary>The tensor of the parameter named <paramref name="role"/>, or null.</summary>
    public Tensor? Optional(string role) => byRole.GetValueOrDefault(role);

    /// <summary>
    /// Registers a buffer the spec does not declare under <paramref name="role"/>, for a network
    /// compiled for inference: the bias a BatchNorm folded into an unbiased layer adds. No state name
    /// refers to it.
    /// </summary>
    public void AddBuffer(string role, Tensor tensor)
    {
        byRole[role] = tensor;
        Register(this, role, tensor, trainable: false);
    }

    private static void Register(LayerState owner, string path, Tensor tensor, bool trainable)
    {
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            string child = path[..dot];
            var inner = owner.named_children().FirstOrDefault(c => c.name == child).module as LayerState;
            if (inner is null)
            {
                inner = new LayerState(child);
                owner.register_module(child, inner);
            }

            Register(inner, path[(dot + 1)..], tensor, trainable);
        }
        else if (trainable)
        {
            owner.register_parameter(path, (Parameter)tensor);
        }
        else
        {
            owner.register_buffer(path, tensor);
        }
    }
}
