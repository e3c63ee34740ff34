using FluentNets.Backends;
using FluentNets.Data;

namespace FluentNets.Training;

/// <summary>
/// A compiled network that trains. The loss is softmax cross-entropy computed from logits,
/// whether or not the network ends in a Softmax layer; each auxiliary head adds its loss times
/// its weight, and each layer's L2 factor adds l2 * sum(kernel^2), as Keras's <c>l2(x)</c> does.
/// </summary>
public interface ITrainableNetwork : ICompiledNetwork
{
    /// <summary>Trains on <paramref name="train"/> (resized to the network's input when it differs).</summary>
    /// <exception cref="ArgumentException">The data's class count exceeds the network's outputs.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.Cancellation"/> was cancelled; training stopped before the next step.</exception>
    TrainingHistory Fit(DataSet train, FitOptions options);

    /// <summary>Loss and accuracy of the main output in inference mode.</summary>
    Evaluation Evaluate(DataSet data, int batchSize = 128);

    /// <summary>Class probabilities of the main output, (N, classes), in inference mode.</summary>
    HostTensor Predict(HostTensor input);
}
