using System.Globalization;
using System.Text;
using FluentNets.Verification;
using FsCheck;
using FsCheck.Xunit;

namespace FluentNets.Analyzers.Tests;

/// <summary>
/// Random networks from the Verification generators, valid ones and ones with a planted error,
/// printed as the fluent C# that builds them: the analyzer reports FN0001 in exactly those whose
/// build throws, with the exception's message. Each case is a batch compiled at once.
/// </summary>
[Properties(Arbitrary = [typeof(Arbitraries)], MaxTest = 4, EndSize = 25)]
public class GeneratedNetworksTests
{
    [Property]
    public void ConstantChainsGetFn0001ExactlyWhenBuildingThemThrows(NetworkDescription[] valid, InvalidNetwork[] invalid)
    {
        var networks = valid.Concat(invalid.Select(i => i.Planted)).ToArray();
        var source = new StringBuilder("using FluentNets;\n\npublic static class Networks\n{\n");
        for (int i = 0; i < networks.Length; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"    public static object N{i}() =>\n        {networks[i]};\n\n");
        }

        source.Append("}\n");
        var tree = source.ToString();
        var diagnostics = Compiler.AnalyzeAsync(Compiler.Compile([("Networks.cs", tree)])).GetAwaiter().GetResult()
            .Where(d => d.Id == "FN0001")
            .ToLookup(d => Method(tree, d.Location.SourceSpan.Start));

        for (int i = 0; i < networks.Length; i++)
        {
            string? failure = null;
            try
            {
                networks[i].Build();
            }
            catch (NetBuildException e)
            {
                failure = e.Message;
            }

            var reported = diagnostics[$"N{i}"].Select(d => d.GetMessage()).ToList();
            Assert.True(
                failure is null ? reported.Count == 0 : reported.SequenceEqual([failure]),
                $"N{i}: {networks[i]}\nrun time: {failure ?? "builds"}\ncompile time: {(reported.Count == 0 ? "nothing" : string.Join(" | ", reported))}");
        }
    }

    private static string Method(string source, int position)
    {
        int start = source.LastIndexOf("public static object ", position, StringComparison.Ordinal) + "public static object ".Length;
        return source[start..source.IndexOf('(', start)];
    }
}
