namespace FluentNets.Verification;

/// <summary>A place in a valid network where a stage can be planted.</summary>
/// <param name="Dims">The oracle's dimensions of the image the planted stage receives there.</param>
/// <param name="Plant">The network with a stage inserted there.</param>
internal sealed record PlantSite(ImageDims Dims, Func<Stage, NetworkDescription> Plant);
