namespace FluentNets.Analyzers.Tests;

public class ShapeAnalyzerTests
{
    private const string KernelTooBig =
        "conv2d_2: kernel 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/1 + 1 = -1. Use pad: Padding.Same or a smaller kernel.";

    [Fact]
    public Task AKernelThatDoesNotFitIsAnErrorOnTheCallThatBreaks() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            return Net.Input(13, 13, 3).Conv(8, 5).Conv(16, 5).{|#0:Conv(32, 7)|};
            """),
        Verify.Error(KernelTooBig).WithLocation(0));

    [Fact]
    public Task LocalsAndConstantsAreFollowed() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            const int size = 13;
            int filters = 8;
            var x = Net.Input(size, size, 3);
            var y = x.Conv(filters, 5).Conv(2 * filters, 5);
            return y.{|#0:Conv(32, 7)|};
            """),
        Verify.Error(KernelTooBig).WithLocation(0));

    [Fact]
    public Task BranchesFromOneHandleAreMergedWithTheShapesOfBoth() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            var x = Net.Input(8, 8, 3);
            var a = x.Conv(4, 3, name: "a");
            var b = x.Conv(4, 1, name: "b");
            return Net.{|#0:Concat(a, b)|};
            """),
        Verify.Error("concatenate: Concatenate needs inputs with equal height and width; received a (6x6x4), b (8x8x4).").WithLocation(0));

    [Fact]
    public Task LambdasOfBlocksThenAndRepeatAreRun() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            return Net.Input(16, 16, 3)
                .Then(x => x.Conv(8, 3, pad: Padding.Same))
                .Repeat(3, (x, i) => x.MaxPool(2, name: $"pool{i}"))
                .Residual(b => b.{|#0:Conv(8, 3)|});
            """),
        Verify.Error("residual/conv2d: kernel 3x3 does not fit input 2x2x8 with valid padding: (2 - 3 + 0)/1 + 1 = 0. Use pad: Padding.Same or a smaller kernel.").WithLocation(0));

    [Fact]
    public Task ABuiltInBlockIsReportedWhereItIsCalled() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            return Net.Input(7, 7, 32).{|#0:SqueezeExcite(ratio: 64)|};
            """),
        Verify.Error("se/reduce: ratio 64 leaves no units for 32 channels: 32 / 64 < 1. Use a ratio between 1 and 32.").WithLocation(0));

    [Fact]
    public Task AStrictNetworkRejectsAStrideThatDoesNotDivide() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            return Net.Input(10, 10, 3, strict: true).{|#0:Conv(8, 3, s: 3)|};
            """),
        Verify.Error("conv2d: strict mode: (10 - 3 + 0)/3 + 1 = 3.333 is not whole: 7 does not divide by stride 3. Use 2 more rows of padding along the height, or stride 1.").WithLocation(0));

    [Fact]
    public Task AFlooringWindowIsAWarningWithStrictModesSuggestion() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            return Net.Input(10, 10, 3).{|#0:Conv(8, 3, s: 3)|}.Flatten();
            """),
        Verify.Warning("conv2d: strict mode: (10 - 3 + 0)/3 + 1 = 3.333 is not whole: 7 does not divide by stride 3. Use 2 more rows of padding along the height, or stride 1.").WithLocation(0));

    [Fact]
    public Task AnActivationWithArgumentsIsBuiltFromItsWithExpression() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            var capped = Activation.Relu with { MaxValue = 1, Threshold = 2 };
            return Net.Input(8, 8, 3).Conv(8, 3, activation: Activation.Relu with { MaxValue = 6 }).{|#0:Conv(8, 3, activation: capped)|};
            """),
        Verify.Error("conv2d_1: max_value of a ReLU must not be below its threshold. Received: max_value=1, threshold=2.").WithLocation(0));

    [Fact]
    public Task AMethodOfTheSameFileIsFollowed() => Verify.AnalyzerAsync("""
        using FluentNets;

        public static class Model
        {
            public static object Build() => Net.Input(5, 5, 16).Then(Head);

            private static Net<Vector> Head(Net<Image> x) => x.{|#0:Conv(8, 7)|}.Flatten();
        }
        """,
        Verify.Error("conv2d: kernel 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/1 + 1 = -1. Use pad: Padding.Same or a smaller kernel.").WithLocation(0));

    [Fact]
    public Task TheRunTimeTestOfABadChainIsReportedInsideItsLambda() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            var x = Net.Input(13, 13, 3).Conv(8, 5).Conv(16, 5);
            System.Func<object> bad = () => x.{|#0:Conv(32, 7)|};
            return x;
            """),
        Verify.Error(KernelTooBig).WithLocation(0));

    [Theory]
    [InlineData("public static object Build(int size) => Net.Input(size, size, 3).Conv(8, 7);")]
    [InlineData("public static object Build() { var x = Net.Input(5, 5, 3); for (int i = 0; i < Count(); i++) { x = x.Conv(8, 3); } return x.Conv(8, 7); } static int Count() => 2;")]
    [InlineData("public static object Build(System.Func<Net<Image>, Net<Image>> body) => Net.Input(5, 5, 3).Then(body).Conv(8, 7);")]
    [InlineData("public static object Build(int n) => Net.Input(5, 5, 3).Repeat(n, (x, i) => x.Conv(8, 3)).Conv(8, 7);")]
    [InlineData("public static object Build() { var x = Net.Input(9, 9, 3); Grow(x); return x.Conv(8, 3); } static void Grow(Net<Image> x) { }")]
    [InlineData("public static object Build() => Net.Input(9, 9, 3).Conv(8, 3, pad: Padding.Same).Conv(8, 3, name: \"x\");")]
    [InlineData("public static object Build() => Net.Input(13, 13, 3).MaxPool(3, s: 2).Flatten();")]
    public Task WhatIsNotConstantOrFitsIsSilent(string member) => Verify.AnalyzerAsync($$"""
        using FluentNets;

        public static class Model
        {
            {{member}}
        }
        """);

    [Fact]
    public Task TheFixAddsSamePadding() => Verify.FixAsync(
        Verify.InMethod("""
            return Net.Input(5, 5, 16).{|#0:Conv(8, 7, name: "head")|};
            """),
        Verify.InMethod("""
            return Net.Input(5, 5, 16).Conv(8, 7, name: "head", pad: Padding.Same);
            """),
        Verify.Error("head: kernel 7x7 does not fit input 5x5x16 with valid padding: (5 - 7 + 0)/1 + 1 = -1. Use pad: Padding.Same or a smaller kernel.").WithLocation(0));

    [Fact]
    public Task TheFixReplacesTheGivenPadding() => Verify.FixAsync(
        Verify.InMethod("""
            return Net.Input(4, 4, 8).{|#0:MaxPool(7, pad: Padding.Explicit(1))|};
            """),
        Verify.InMethod("""
            return Net.Input(4, 4, 8).MaxPool(7, pad: Padding.Same);
            """),
        Verify.Error("max_pooling2d: pool 7x7 does not fit input 4x4x8 with padding 1: (4 - 7 + 2)/7 + 1 = 0. Use more padding, pad: Padding.Same or a smaller pool.").WithLocation(0));

    // The mobile families' layers in one constant chain: in-model rescaling, hard-swish, a strided 5x5 depthwise
    // convolution, Keras's ReLU() class, a keep-dims squeeze-excite with a hard-sigmoid gate of the wrong width.
    [Fact]
    public Task AnInvertedResidualsGateOfAnotherWidthIsAnErrorOnTheMultiply() => Verify.AnalyzerAsync(
        Verify.InMethod("""
            var x = Net.Input(32, 32, 3).Rescale(1 / 127.5, -1).Conv(16, 3, s: 2, pad: Padding.Same, bias: false).BatchNorm().HardSwish();
            var y = x.Conv(64, 1, bias: false).DepthwiseConv(5, s: 2, pad: Padding.Same, bias: false).Activate(Activation.Relu, kerasClass: "ReLU");
            var gate = y.GlobalAvgPoolKeepDims().Conv(16, 1).Relu().Conv(32, 1).HardSigmoid();
            return Net.{|#0:Multiply("squeeze_excite_mul", y, gate)|}.StochasticDepth(0.2);
            """),
        Verify.Error("squeeze_excite_mul: Multiply needs inputs of one shape, or a C-vector or 1x1xC image with an HxWxC image; received re_lu (8x8x64), activation_2 (1x1x32).").WithLocation(0));
}
