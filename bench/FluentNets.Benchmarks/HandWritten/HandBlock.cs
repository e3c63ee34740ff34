using static TorchSharp.torch;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// One block of a hand-written torchvision network, named as torchvision's module (<c>features.3</c>,
/// <c>layer1.0</c>), that can name its tensors as the FluentNets block of the same name does.
/// </summary>
public abstract class HandBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the block.</summary>
    /// <param name="name">torchvision's module name, which is also the FluentNets block's.</param>
    protected HandBlock(string name)
        : base(name)
    {
    }

    /// <summary>The block's tensors under FluentNets' names, <c>{name}/{layer}.weight</c> and so on.</summary>
    public abstract IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets();
}
