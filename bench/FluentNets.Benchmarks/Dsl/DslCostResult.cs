namespace FluentNets.Benchmarks.Dsl;

/// <summary>BenchmarkDotNet's numbers for one model, with the model's size as the DSL reports it.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Layers">Layers in the analysis.</param>
/// <param name="Parameters">Total parameters.</param>
/// <param name="InferenceMacs">Multiply-accumulates of one inference, at the model's published input.</param>
/// <param name="BuildMeanUs">Mean time to build, in microseconds.</param>
/// <param name="BuildAllocatedBytes">Managed bytes allocated by one build.</param>
/// <param name="FullMeanUs">Mean time to build, analyse and render the summary, in microseconds.</param>
/// <param name="FullStdDevUs">Standard deviation of that time.</param>
/// <param name="FullAllocatedBytes">Managed bytes allocated by one build, analysis and summary.</param>
public sealed record DslCostResult(
    string Model, int Layers, long Parameters, long InferenceMacs,
    double BuildMeanUs, long BuildAllocatedBytes, double FullMeanUs, double FullStdDevUs, long FullAllocatedBytes);
