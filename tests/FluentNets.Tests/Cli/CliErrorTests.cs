using FluentNets.Backends.TorchSharp;
using FluentNets.Cli;
using Microsoft.Extensions.DependencyInjection;
using FluentNets.Zoo;

namespace FluentNets.Tests.Cli;

public class CliErrorTests
{
    [Theory]
    [InlineData(new[] { "summary", "lenet5", "--input", "0x3" }, "--input '0x3' is not HxWxC with three positive integers, e.g. 224x224x3.")]
    [InlineData(new[] { "summary", "lenet5", "--input", "abc" }, "--input 'abc' is not HxWxC with three positive integers, e.g. 224x224x3.")]
    [InlineData(new[] { "summary", "lenet5", "--input", "32x0x1" }, "--input '32x0x1' is not HxWxC with three positive integers, e.g. 224x224x3.")]
    [InlineData(new[] { "summary", "lenet5", "--classes", "-1" }, "--classes '-1' is not a positive integer.")]
    [InlineData(new[] { "summary", "lenet5", "--classes", "0" }, "--classes '0' is not a positive integer.")]
    [InlineData(new[] { "summary", "lenet5", "--format", "xml" }, "--format 'xml' is not one of table, json, markdown.")]
    [InlineData(new[] { "summary", "lenet5", "--depth", "2" }, "--depth '2' is not one of 0, 1.")]
    [InlineData(new[] { "summary", "lenet5", "--format", "JSON" }, "--format 'JSON' is not one of table, json, markdown.")]
    [InlineData(new[] { "summary", "resnet50", "--include-top", "false", "--pooling", "mean" }, "--pooling 'mean' is not one of none, avg, max.")]
    [InlineData(new[] { "plot", "lenet5", "--format", "png" }, "--format 'png' is not one of svg, mermaid, dot.")]
    [InlineData(new[] { "plot", "lenet5", "--depth", "1.5" }, "--depth '1.5' is not one of 0, 1.")]
    [InlineData(new[] { "export", "lenet5", "--format", "tflite", "-o", "x" }, "--format 'tflite' is not one of onnx, pytorch.")]
    [InlineData(new[] { "summary", "lenet5", "--input", "8x8x1" }, "conv2d_1: kernel 5x5 does not fit input 2x2x6 with valid padding: (2 - 5 + 0)/1 + 1 = -2. Use pad: Padding.Same or a smaller kernel.")]
    [InlineData(new[] { "summary" }, "Required argument missing for command: 'summary'.")]
    [InlineData(new string[0], "Required command was not provided.")]
    public void ABadRequestIsOneLineOnStandardErrorAndExitCodeTwo(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: {message}"], run.ErrorLines);
    }

    [Fact]
    public void AnUnknownModelListsTheKnownOnes()
    {
        var run = CliRun.Of("summary", "foo");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal([$"fluentnets: unknown model 'foo'. Known models: {string.Join(", ", ModelZoo.All.Select(m => m.Name))}."], run.ErrorLines);
    }

    [Fact]
    public void AnInputTooSmallForTheArchitectureGivesTheNetBuildExceptionMessage()
    {
        var expected = Assert.Throws<NetBuildException>(() => ModelZoo.Get("googlenet").Build(Shape.Image(32, 32, 3)));

        var run = CliRun.Of("summary", "googlenet", "--input", "32x32x3");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal([$"fluentnets: {expected.Message}"], run.ErrorLines);
    }

    [Fact]
    public void BackendOptionsRefusedAtStartAreOneLineAndExitCodeTwo()
    {
        var run = CliRun.Configured(services => services.Configure<TorchSharpBackendOptions>(o => o.Threads = -1), "zoo");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["fluentnets: Expected TorchSharpBackendOptions.Threads to be null (libtorch's default) or positive. Received: Threads=-1."], run.ErrorLines);
    }

    [Fact]
    public void AnUnexpectedExceptionIsOneLineAndExitCodeOne()
    {
        ZooModel[] models = [new("broken", "Test", "throws a bug", Shape.Image(32, 32, 1), 10, (_, _) => throw new InvalidOperationException("boom\nsecond line"))];

        var run = CliRun.With(models, "summary", "broken");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal(["fluentnets: unexpected InvalidOperationException: boom second line"], run.ErrorLines);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "  zoo ")]
    [InlineData(new[] { "--help" }, "  summary <model> ")]
    [InlineData(new[] { "summary", "--help" }, "  --input <HxWxC> ")]
    [InlineData(new[] { "summary", "-h" }, "  --format <table|json|markdown> ")]
    [InlineData(new[] { "summary", "--help" }, "[default: table]")]
    [InlineData(new[] { "summary", "--help" }, "  --pooling <none|avg|max> ")]
    [InlineData(new[] { "train", "--help" }, "  --format <text|json> ")]
    [InlineData(new[] { "train", "--help" }, "or json (one JSON object). [default: text]")]
    [InlineData(new[] { "train", "--help" }, "  --optimizer <sgd|adam|adamw> ")]
    [InlineData(new[] { "train", "--help" }, "  --preprocess <none|unit|tf|caffe|torch> ")]
    [InlineData(new[] { "evaluate", "--help" }, "[default: text]")]
    [InlineData(new[] { "plot", "--help" }, "  --format <svg|mermaid|dot> ")]
    public void HelpDescribesTheCommands(string[] args, string line)
    {
        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains(line, run.Out);
    }
}
