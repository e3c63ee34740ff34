namespace FluentNets.Verification;

/// <summary>
/// One step of a <see cref="NetworkDescription"/> on an image: a layer, a merge of branches or a
/// block. A stage builds itself through the DSL's fluent calls, the oracle predicts what it
/// builds without the DSL's code, and it prints as the C# call that adds it.
/// </summary>
public abstract record Stage
{
    private protected Stage()
    {
    }

    /// <summary>Adds the stage to <paramref name="x"/> through the DSL.</summary>
    /// <exception cref="NetBuildException">The stage breaks a rule of the DSL on this input.</exception>
    public abstract Net<Image> AddTo(Net<Image> x);

    /// <summary>The stage's output on <paramref name="input"/> by the oracle, ignoring names.</summary>
    public ImageDims OutputOn(ImageDims input) => Expect(OracleScope.Start(), input);

    /// <summary>
    /// The oracle: records the expectation of every layer the stage creates, in creation order,
    /// and returns the output; on a broken rule it records the failing layer and stops.
    /// </summary>
    internal abstract ImageDims Expect(OracleScope scope, ImageDims input);

    /// <summary>Applies <paramref name="stages"/> in order.</summary>
    internal static Net<Image> AddAll(IEnumerable<Stage> stages, Net<Image> x) => stages.Aggregate(x, (y, stage) => stage.AddTo(y));

    /// <summary>The oracle over <paramref name="stages"/> in order, stopping at the first failure.</summary>
    internal static ImageDims ExpectAll(IEnumerable<Stage> stages, OracleScope scope, ImageDims input)
    {
        foreach (var stage in stages)
        {
            input = stage.Expect(scope, input);
            if (scope.Failed)
            {
                break;
            }
        }

        return input;
    }

    /// <summary>Stages as chained calls on <paramref name="variable"/>: <c>x.Conv(...).Relu()</c>.</summary>
    internal static string Chain(string variable, IEnumerable<Stage> stages) => variable + string.Concat(stages.Select(s => s.ToString()));
}
