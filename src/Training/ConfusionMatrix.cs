using System.Globalization;
using FluentNets.Data;

namespace FluentNets.Training;

/// <summary>
/// How often each class was predicted as each other class: row <c>actual</c>, column
/// <c>predicted</c>, as scikit-learn's <c>confusion_matrix(y_true, y_pred)</c> lays it out. The
/// diagonal holds the correct predictions; every example is counted in exactly one cell.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    private ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        this.counts = counts;
        ClassNames = classNames;
        Count = counts.Cast<int>().Sum();
        Correct = Enumerable.Range(0, Classes).Sum(c => counts[c, c]);
    }

    /// <summary>The class names, label k being name k.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes: rows and columns.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>The number of examples counted: the sum of every cell.</summary>
    public int Count { get; }

    /// <summary>The examples predicted as their own class: the sum of the diagonal.</summary>
    public int Correct { get; }

    /// <summary>Top-1 accuracy: <see cref="Correct"/> / <see cref="Count"/>, 0 for no examples.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>The examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">A class is outside [0, <see cref="Classes"/>).</exception>
    public int this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>Counts pairs of labels: <paramref name="actual"/>[i] was predicted as <paramref name="predicted"/>[i].</summary>
    /// <param name="actual">The true labels.</param>
    /// <param name="predicted">The predicted labels, one per true label.</param>
    /// <param name="classes">The number of classes; every label is in [0, classes).</param>
    /// <param name="classNames">A name per class; the labels' numbers when null.</param>
    /// <exception cref="ArgumentException">The lists differ in length, a label is outside [0, classes), or the names are not one per class.</exception>
    public static ConfusionMatrix FromLabels(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"expected one prediction per label. Received: {actual.Count} labels, {predicted.Count} predictions.", nameof(predicted));
        }

        var names = Names(classes, classNames);
        var counts = new int[classes, classes];
        for (int i = 0; i < actual.Count; i++)
        {
            int a = actual[i], p = predicted[i];
            if ((uint)a >= (uint)classes || (uint)p >= (uint)classes)
            {
                throw new ArgumentException($"expected labels in [0, {classes}). Received: actual={a}, predicted={p} at example {i}.", nameof(actual));
            }

            counts[a, p]++;
        }

        return new ConfusionMatrix(counts, names);
    }

    /// <summary>
    /// Runs <paramref name="network"/> over <paramref name="data"/> in inference mode (resized to its
    /// input, as <see cref="ITrainableNetwork.Evaluate"/> does) and counts each example's true label
    /// against its most probable class.
    /// </summary>
    /// <param name="network">The trained network; its main output scores at least the data's classes.</param>
    /// <param name="data">The examples to count.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    /// <param name="classNames">A name per class of the data; the labels' numbers when null.</param>
    /// <exception cref="ArgumentException">The network scores fewer classes than the data has, or the names are not one per class.</exception>
    public static ConfusionMatrix Of(ITrainableNetwork network, DataSet data, int batchSize = 128, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var input = network.Network.Input.Shape;
        var prepared = data.Shape.Equals(input) ? data : data.ResizeTo(input);
        var predicted = new List<int>(data.Count);
        foreach (var (images, _) in prepared.Batches(batchSize))
        {
            var probabilities = network.Predict(images);
            int rows = probabilities.Shape[0];
            int scores = probabilities.Data.Length / rows;
            if (scores < data.Classes)
            {
                throw new ArgumentException($"{network.Network.Name} scores {scores} classes but {data.Name} has {data.Classes}.", nameof(data));
            }

            for (int r = 0; r < rows; r++)
            {
                predicted.Add(ArgMax(probabilities.Data.AsSpan(r * scores, scores)));
            }
        }

        // A head wider than the data (ten outputs for five classes) can predict a class the data
        // lacks: the matrix grows a row and a column for it rather than hide the mistake.
        int classes = Math.Max(data.Classes, predicted.DefaultIfEmpty(0).Max() + 1);
        return FromLabels(prepared.Labels, predicted, classes, classNames is null ? null : Extend(classNames, data.Classes, classes));
    }

    /// <summary>The counts as rows of text, with the class names as a header: for logs and tests.</summary>
    public override string ToString()
    {
        var width = Math.Max(ClassNames.Max(n => n.Length), counts.Cast<int>().Max().ToString(CultureInfo.InvariantCulture).Length) + 1;
        var lines = new List<string> { "".PadLeft(width) + string.Concat(ClassNames.Select(n => n.PadLeft(width))) };
        for (int a = 0; a < Classes; a++)
        {
            lines.Add(ClassNames[a].PadLeft(width) + string.Concat(Enumerable.Range(0, Classes).Select(p => counts[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width))));
        }

        return string.Join('\n', lines);
    }

    private static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static IReadOnlyList<string> Names(int classes, IReadOnlyList<string>? classNames)
    {
        if (classNames is null)
        {
            return Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        }

        if (classNames.Count != classes)
        {
            throw new ArgumentException($"expected one name per class. Received: {classNames.Count} names for {classes} classes.", nameof(classNames));
        }

        return classNames.ToArray();
    }

    // The data's names, then the numbers of the classes only the network has.
    private static IReadOnlyList<string> Extend(IReadOnlyList<string> names, int dataClasses, int classes)
    {
        if (names.Count != dataClasses)
        {
            throw new ArgumentException($"expected one name per class. Received: {names.Count} names for {dataClasses} classes.", nameof(names));
        }

        return [.. names, .. Enumerable.Range(names.Count, classes - names.Count).Select(c => c.ToString(CultureInfo.InvariantCulture))];
    }
}
