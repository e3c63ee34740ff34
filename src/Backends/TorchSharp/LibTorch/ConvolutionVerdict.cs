namespace FluentNets.Backends.TorchSharp;

/// <summary>What <see cref="ConvolutionKernelCheck"/> found for one configuration.</summary>
/// <param name="Configuration">The convolution.</param>
/// <param name="OneDnnRight">Whether libtorch's choice of kernel with oneDNN on agreed with float64.</param>
/// <param name="RelativeError">Its largest error relative to the float64 output's largest absolute value; NaN when it was not finite.</param>
public sealed record ConvolutionVerdict(ConvolutionConfiguration Configuration, bool OneDnnRight, double RelativeError);
