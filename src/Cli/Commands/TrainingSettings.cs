namespace FluentNets.Cli.Commands;

/// <summary>How <c>train</c> was asked to train, as its JSON reports it, so a run can be repeated or evaluated alike.</summary>
/// <param name="Batch">Examples per step.</param>
/// <param name="Optimizer">The optimiser's CLI name.</param>
/// <param name="LearningRate">The rate of the first epoch.</param>
/// <param name="Schedule"><c>constant</c> or <c>cosine</c>.</param>
/// <param name="Standardize">Whether the inputs were standardised with the training split's statistics.</param>
/// <param name="Seed">The seed of the weights, the shuffling and dropout.</param>
internal sealed record TrainingSettings(int Batch, string Optimizer, double LearningRate, string Schedule, bool Standardize, int Seed);
