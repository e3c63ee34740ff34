namespace FluentNets.Benchmarks.Inference;

/// <summary>The contenders of the inference section, in the order of its table, with the names its JSON uses.</summary>
public static class InferenceContender
{
    /// <summary>The zoo network compiled by <c>TorchSharpBackend.Compile</c>, in inference mode.</summary>
    public const string FluentNets = "fluentNets";

    /// <summary>The zoo network compiled by <c>TorchSharpBackend.CompileForInference</c>.</summary>
    public const string FluentNetsInference = "fluentNetsInference";

    /// <summary>The same network written by hand in TorchSharp (nn.Conv2d, nn.BatchNorm2d, functional calls).</summary>
    public const string HandTorchSharp = "handTorchSharp";

    /// <summary>PyTorch 1.13 eager running FluentNets' own model.py export, under <c>torch.no_grad</c>.</summary>
    public const string PyTorch = "pyTorch";

    /// <summary>The same after <c>torch.jit.trace</c>, <c>torch.jit.freeze</c> and <c>torch.jit.optimize_for_inference</c>.</summary>
    public const string PyTorchJit = "pyTorchJit";

    /// <summary>ONNX Runtime in process, all graph optimisations, running FluentNets' own ONNX export.</summary>
    public const string OnnxRuntime = "onnxRuntime";

    /// <summary>Every contender, in table order.</summary>
    public static IReadOnlyList<string> All { get; } = [FluentNets, FluentNetsInference, HandTorchSharp, PyTorch, PyTorchJit, OnnxRuntime];

    /// <summary>The peers FluentNets' inference compilation is compared with (not FluentNets' own plain compilation).</summary>
    public static IReadOnlyList<string> Peers { get; } = [HandTorchSharp, PyTorch, PyTorchJit, OnnxRuntime];

    /// <summary>The table's heading for <paramref name="contender"/>.</summary>
    public static string Heading(string contender) => contender switch
    {
        FluentNets => "FluentNets",
        FluentNetsInference => "FN for inference",
        HandTorchSharp => "Hand TorchSharp",
        PyTorch => "PyTorch eager",
        PyTorchJit => "PyTorch JIT",
        OnnxRuntime => "ONNX Runtime",
        _ => contender,
    };
}
