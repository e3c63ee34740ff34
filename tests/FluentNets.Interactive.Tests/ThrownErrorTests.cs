using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace FluentNets.Interactive.Tests;

/// <summary>A <see cref="NetBuildException"/> a C# cell throws, as .NET Interactive's C# kernel reports it.</summary>
public sealed class ThrownErrorTests
{
    [Fact]
    public async Task ACellThatThrowsFailsWithTheMessageAloneNotAStackTrace()
    {
        using var csharp = new CSharpKernel();
        using var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        csharp.AddAssemblyReferences([typeof(Net).Assembly.Location]);

        var result = await kernel.SendAsync(new SubmitCode("using FluentNets;\nNet.Input(5, 5, 3).Conv(8, 7)"), TestContext.Current.CancellationToken);

        var failed = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.IsType<NetBuildException>(failed.Exception);
        Assert.Equal(
            "FluentNets.NetBuildException: conv2d: kernel 7x7 does not fit input 5x5x3 with valid padding: (5 - 7 + 0)/1 + 1 = -1. Use pad: Padding.Same or a smaller kernel.",
            failed.Message);
    }
}
