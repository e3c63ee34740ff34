namespace FluentNets.Graph;

public sealed partial class Network
{
    /// <summary>
    /// A handle on the main output, to put layers after it as if the network had been built with
    /// them: a new head on a base, as keras.applications' transfer learning does,
    /// <c>ModelZoo.Get("xception").Build(includeTop: false).OutputImage().GlobalAvgPool().Dense(5, activation: Activation.Softmax).ToNetwork("xception")</c>.
    /// The new network keeps the auxiliary outputs; freezing is not carried over, so freeze the base
    /// of the network the head makes (<see cref="FreezeUpTo(Node)"/>).
    /// </summary>
    /// <returns>A handle whose layers get names this network does not use.</returns>
    /// <exception cref="InvalidOperationException">The output is not an image (height, width, channels).</exception>
    public Net<Image> OutputImage() =>
        Output.Shape.IsImage
            ? new Net<Image>(Output, BuildContext.Continuing(this), "", [.. Auxiliary])
            : throw new InvalidOperationException(
                $"Expected an image output to continue from. Received: output={Output.Name} with shape {Output.Shape}.");
}
