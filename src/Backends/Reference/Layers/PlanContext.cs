using System.Numerics;
using FluentNets.Graph;
using FluentNets.Layers;

namespace FluentNets.Backends.Reference;

/// <summary>What a plan needs: the node, its state arrays by role, and the generator of training's random draws.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="Node">The node.</param>
/// <param name="State">The network's state arrays by parameter name, overwritten in place when the state is set.</param>
/// <param name="Random">The generator of dropout's draws.</param>
internal sealed record PlanContext<T>(Node Node, IReadOnlyDictionary<string, T[]> State, Random Random)
    where T : IFloatingPointIeee754<T>
{
    /// <summary>The array of the parameter named <paramref name="role"/>.</summary>
    /// <exception cref="KeyNotFoundException">The spec declares no such parameter.</exception>
    public T[] Parameter(string role) =>
        Optional(role) ?? throw new KeyNotFoundException($"{Node.Name}: {Node.Layer.KerasType} declares no parameter '{role}'.");

    /// <summary>The array of the parameter named <paramref name="role"/>, or null where the spec declares none.</summary>
    public T[]? Optional(string role)
    {
        var declared = Node.Parameters.FirstOrDefault(p => p.Role == role);
        return declared is null ? null : State[declared.NameOn(Node.Name)];
    }

    /// <summary>The resolved window of a convolution or pooling layer.</summary>
    public Window2D Window => Node.Window ?? throw new NotSupportedException($"{Node.Name}: {Node.Layer.KerasType} has no resolved window.");

    /// <summary>The output shape of one example.</summary>
    public Shape Shape => Node.Shape;
}
