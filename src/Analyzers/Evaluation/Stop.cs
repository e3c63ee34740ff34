namespace FluentNets.Analyzers.Evaluation;

/// <summary>
/// Thrown where the evaluator meets something it cannot see through (a parameter, a call it does
/// not know, a loop): the chain is no longer followed, and nothing is reported.
/// </summary>
internal class Stop : Exception
{
    public static readonly Stop Instance = new();

    protected Stop()
    {
    }
}

/// <summary>The chain broke and the diagnostic is reported: what follows it does not run either.</summary>
internal sealed class Reported : Stop
{
    public static new readonly Reported Instance = new();

    private Reported()
    {
    }
}
