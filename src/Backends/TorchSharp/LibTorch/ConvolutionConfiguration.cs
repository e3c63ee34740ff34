using System.Globalization;

namespace FluentNets.Backends.TorchSharp;

/// <summary>
/// One call of <c>F.conv2d</c> as libtorch sees it, which is what selects a kernel: input channels
/// and size (after any explicit pad), filters, kernel, stride, symmetric padding, dilation and groups.
/// </summary>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Input rows, after any explicit pad.</param>
/// <param name="Width">Input columns, after any explicit pad.</param>
/// <param name="Filters">Output channels.</param>
/// <param name="KernelHeight">Kernel rows.</param>
/// <param name="KernelWidth">Kernel columns.</param>
/// <param name="StrideHeight">Row stride.</param>
/// <param name="StrideWidth">Column stride.</param>
/// <param name="PadHeight">libtorch's symmetric row padding.</param>
/// <param name="PadWidth">libtorch's symmetric column padding.</param>
/// <param name="DilationHeight">Row dilation.</param>
/// <param name="DilationWidth">Column dilation.</param>
/// <param name="Groups">Channel groups.</param>
public sealed record ConvolutionConfiguration(
    long Channels, long Height, long Width, long Filters, long KernelHeight, long KernelWidth,
    long StrideHeight, long StrideWidth, long PadHeight, long PadWidth, long DilationHeight, long DilationWidth, long Groups)
{
    /// <summary>For messages: <c>3x3/1 conv 24-&gt;64 at 14x14</c>, with padding, dilation and groups when they are not trivial.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{KernelHeight}x{KernelWidth}/{Stride} conv {Channels}->{Filters} at {Height}x{Width}{(PadHeight + PadWidth > 0 ? $" pad {PadHeight},{PadWidth}" : "")}{(DilationHeight * DilationWidth > 1 ? $" dilation {DilationHeight},{DilationWidth}" : "")}{(Groups > 1 ? $" groups {Groups}" : "")}");

    private string Stride => StrideHeight == StrideWidth
        ? StrideHeight.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{StrideHeight},{StrideWidth}");
}
