using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FluentNets.Benchmarks.HandWritten;

/// <summary>
/// Seed 000's LeNet-5 in plain TorchSharp: conv 6@5x5 ReLU, max pool 2, conv 16@5x5 ReLU, max pool 2,
/// flatten, dense 120 ReLU, 84 ReLU, 10 softmax. It flattens in PyTorch's (C, H, W) order; the first
/// dense kernel is permuted once when FluentNets' weights (Keras's (H, W, C) order) are loaded.
/// </summary>
public sealed class HandLeNet5 : HandWrittenNetwork
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Creates the module for 32x32x1 inputs.</summary>
    public HandLeNet5(int classes = 10)
        : base("hand_lenet5")
    {
        conv1 = nn.Conv2d(1, 6, 5);
        conv2 = nn.Conv2d(6, 16, 5);
        fc1 = nn.Linear(16 * 5 * 5, 120);
        fc2 = nn.Linear(120, 84);
        fc3 = nn.Linear(84, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor Logits(Tensor input)
    {
        using var c1 = conv1.call(input);
        using var r1 = F.relu(c1);
        using var p1 = F.max_pool2d(r1, 2);
        using var c2 = conv2.call(p1);
        using var r2 = F.relu(c2);
        using var p2 = F.max_pool2d(r2, 2);
        using var flat = p2.flatten(1);
        using var d1 = fc1.call(flat);
        using var a1 = F.relu(d1);
        using var d2 = fc2.call(a1);
        using var a2 = F.relu(d2);
        return fc3.call(a2);
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Tensor Target, Func<Tensor, Tensor>? Convert)> Targets() =>
    [
        .. WeightAndBias("conv2d", conv1.weight!, conv1.bias!),
        .. WeightAndBias("conv2d_1", conv2.weight!, conv2.bias!),
        ("dense.weight", fc1.weight!, KerasFlattenOrderToTorch),
        ("dense.bias", fc1.bias!, null),
        .. WeightAndBias("dense_1", fc2.weight!, fc2.bias!),
        .. WeightAndBias("dense_2", fc3.weight!, fc3.bias!),
    ];

    // Keras flattens (H, W, C) = (5, 5, 16); this module flattens (C, H, W): column h*80 + w*16 + c
    // of the FluentNets kernel is column c*25 + h*5 + w here.
    private static Tensor KerasFlattenOrderToTorch(Tensor weight)
    {
        using var view = weight.view(weight.shape[0], 5, 5, 16);
        using var permuted = view.permute(0, 3, 1, 2);
        return permuted.reshape(weight.shape[0], 16 * 5 * 5);
    }
}
