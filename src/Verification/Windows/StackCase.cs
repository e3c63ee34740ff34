namespace FluentNets.Verification;

/// <summary><see cref="Layers"/> stride-1 k x k convolutions stacked on a square input.</summary>
/// <param name="Size">Input height and width; large enough for valid padding.</param>
/// <param name="Layers">How many convolutions.</param>
/// <param name="Kernel">Their kernel size k.</param>
/// <param name="Same">SAME padding if true, valid otherwise.</param>
public sealed record StackCase(int Size, int Layers, int Kernel, bool Same);
