using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentNets.Training;
using Spectre.Console;

namespace FluentNets.Cli.Commands;

/// <summary>How <c>train</c> and <c>evaluate</c> print what they measured, as text and as JSON.</summary>
internal static class TrainingReport
{
    /// <summary><c>epoch 3/10  loss 0.1234  acc 0.9650  val_loss 0.1100  val_acc 0.9721  1234 img/s  2.1 s</c>.</summary>
    public static string Line(EpochResult result, int epochs)
    {
        var line = new StringBuilder(FormattableString.Invariant($"epoch {result.Epoch}/{epochs}  loss {result.Loss:F4}  acc {result.Accuracy:F4}"));
        if (result.Validation is { } validation)
        {
            line.Append(FormattableString.Invariant($"  val_loss {validation.Loss:F4}  val_acc {validation.Accuracy:F4}"));
        }

        return line.Append(FormattableString.Invariant($"  {result.ImagesPerSecond:F0} img/s  {result.Seconds:F1} s")).ToString();
    }

    /// <summary>The history as a table, one row per epoch.</summary>
    public static Table Table(TrainingHistory history)
    {
        var table = new Table()
            .AddColumn(new TableColumn("Epoch").RightAligned())
            .AddColumn(new TableColumn("Loss").RightAligned())
            .AddColumn(new TableColumn("Accuracy").RightAligned())
            .AddColumn(new TableColumn("Top-5").RightAligned())
            .AddColumn(new TableColumn("Val loss").RightAligned())
            .AddColumn(new TableColumn("Val accuracy").RightAligned())
            .AddColumn(new TableColumn("Val top-5").RightAligned())
            .AddColumn(new TableColumn("Rate").RightAligned())
            .AddColumn(new TableColumn("Seconds").RightAligned())
            .AddColumn(new TableColumn("Images/s").RightAligned());
        foreach (var e in history.Epochs)
        {
            table.AddRow(
                Number(e.Epoch, "D"), Number(e.Loss, "F4"), Number(e.Accuracy, "F4"), Number(e.Top5, "F4"),
                Number(e.Validation?.Loss, "F4"), Number(e.Validation?.Accuracy, "F4"), Number(e.Validation?.Top5, "F4"),
                Number(e.LearningRate, "0.#######"), Number(e.Seconds, "F1"), Number(e.ImagesPerSecond, "F0"));
        }

        return table;
    }

    /// <summary>One JSON object for <c>train --format json</c>.</summary>
    public static string TrainJson(string model, string data, string device, TrainingSettings settings, TrainingHistory history, Evaluation final, double seconds) =>
        Json(json =>
        {
            json.WriteString("model", model);
            json.WriteString("data", data);
            json.WriteString("device", device);
            json.WriteNumber("batch", settings.Batch);
            json.WriteString("optimizer", settings.Optimizer);
            Number(json, "initial_learning_rate", settings.LearningRate);
            json.WriteString("schedule", settings.Schedule);
            json.WriteString("normalize", settings.Standardize ? "standard" : "none");
            json.WriteNumber("seed", settings.Seed);
            json.WriteStartArray("epochs");
            foreach (var e in history.Epochs)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", e.Epoch);
                Number(json, "loss", e.Loss);
                Number(json, "accuracy", e.Accuracy);
                Number(json, "top5", e.Top5);
                Number(json, "val_loss", e.Validation?.Loss);
                Number(json, "val_accuracy", e.Validation?.Accuracy);
                Number(json, "val_top5", e.Validation?.Top5);
                Number(json, "learning_rate", e.LearningRate);
                Number(json, "seconds", e.Seconds);
                Number(json, "images_per_second", e.ImagesPerSecond);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("stopped_early", history.StoppedEarly);
            Number(json, "final_validation_loss", final.Loss);
            Number(json, "final_validation_accuracy", final.Accuracy);
            json.WriteNumber("final_validation_correct", TrainingInputs.Correct(final));
            json.WriteNumber("validation_count", final.Count);
            Number(json, "seconds", seconds);
        });

    /// <summary>One JSON object for <c>evaluate --format json</c>, named as <see cref="TrainJson"/> names the same numbers.</summary>
    public static string EvaluateJson(string model, string data, string device, string weights, Evaluation evaluation, double seconds) =>
        Json(json =>
        {
            json.WriteString("model", model);
            json.WriteString("data", data);
            json.WriteString("device", device);
            json.WriteString("weights", weights);
            Number(json, "validation_loss", evaluation.Loss);
            Number(json, "validation_accuracy", evaluation.Accuracy);
            Number(json, "validation_top5", evaluation.Top5);
            json.WriteNumber("validation_correct", TrainingInputs.Correct(evaluation));
            json.WriteNumber("validation_count", evaluation.Count);
            Number(json, "seconds", seconds);
        });

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // JSON has no NaN or infinity: a diverged loss is written as null.
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Number(IFormattable? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
