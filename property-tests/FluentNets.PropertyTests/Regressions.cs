using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// Inputs that once broke a property, replayed on every run. When a property fails, FsCheck
/// prints "Replay directly at failing step with (seed, gamma, size)": add a method here with
/// <c>[Property(Replay = "seed,gamma,size", MaxTest = 1)]</c> that calls the same law as the
/// failing property, named after what broke, its summary quoting the input and the fix it
/// guards. A seed replays the generators as they are in <see cref="Arbitraries"/>; a change
/// there changes what an old seed draws. Each method's first line therefore pins the input it
/// expects, so a stale seed fails loudly instead of quietly testing something else; then re-run
/// the property on the commit that broke and take the new seed, or move the input to a [Theory]
/// in tests/FluentNets.Tests.
/// </summary>
[Properties(Arbitrary = new[] { typeof(Arbitraries) })]
public class Regressions
{
    /// <summary>
    /// AvgPool 3x4, stride 2, pads (1, 0, 0, 2) on 5x5x7: each pad is at most half the pool along its
    /// own axis (1 &lt;= 3 / 2, 2 &lt;= 4 / 2), so no window lies wholly in padding, and the output is
    /// 2x2x7. Pooling2D compared every pad with min(3, 4) / 2 = 1 and rejected the 2.
    /// </summary>
    [Property(Replay = "10634135995600711751,13532571779202786537,2", MaxTest = 1)]
    public void PoolPadsAreLimitedByThePoolAlongTheirOwnAxis(PoolCase c)
    {
        Assert.Equal(new PoolCase(WindowLayer.AvgPool, 5, 5, 7, (3, 4), (2, 2), new ExplicitPadding(1, 0, 0, 2)), c);
        OutputSizeProperties.PoolLaw(c);
    }
}
