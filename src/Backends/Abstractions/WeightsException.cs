namespace FluentNets.Backends;

/// <summary>Weights that don't fit a network, or a weights file that can't be read.</summary>
/// <param name="message">One line naming the file or parameter, what was expected and what was found.</param>
public sealed class WeightsException(string message) : Exception(message);
