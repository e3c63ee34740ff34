using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentNets.Backends;
using FluentNets.Data;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets predict &lt;model&gt; --weights FILE --image PATH [--image PATH ...] [--top K]
/// [--preprocess none|unit|tf|caffe|torch] [--format text|json] [--input HxWxC] [--classes N]
/// [--include-top false --head N] [--device auto|cpu|cuda] [--inference true|false]</c>:
/// classifies images (JPEG, PNG, BMP, WebP, GIF, decoded with SkiaSharp and resized to the
/// network's input) with saved weights, printing the top K classes of each by name. The input
/// shape, the preprocessing and the class names come from the weights' metadata when
/// <c>train --save</c> recorded them. It runs the network compiled for inference unless
/// <c>--inference false</c> asks for the network as train compiles it.
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="backends">The backends, by device.</param>
/// <param name="output">Where it prints.</param>
public sealed class PredictCommand(IReadOnlyList<ZooModel> models, BackendFactory backends, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        input.Description = "Input shape as HxWxC. Default: the one the weights record, else the model's published input.";
        var classes = ModelOptions.Classes();
        classes.Description = "Number of classes of the last layer. Default: the weights' class names, else the model's published count.";
        var weights = ModelOptions.Weights("The weights to classify with: the safetensors file train --save wrote (its class names and preprocessing come with it), Keras's or PyTorch's.", required: true);
        var images = new Option<string[]>("--image")
        {
            Description = "An image to classify; repeat for more.",
            HelpName = "PATH",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var top = RunOptions.Positive("--top", 5, "How many classes to print per image, most probable first.");
        var preprocess = new Option<ImagePreprocessing?>("--preprocess")
        {
            Description = "keras.applications' caffe, tf or torch, or unit (0..1) or none (0..255). Default: what the weights record, else unit.",
        }.OneOf(FineTuningOptions.ImagePreprocessingNames);
        var device = RunOptions.Device();
        var format = RunOptions.Format();
        format.Description = "text (the top classes per image) or json (per image, the top classes and the full probability vector).";
        var includeTop = ModelOptions.IncludeTop("Ended by --head N, as train built it.");
        var head = ModelOptions.Head();
        var allowNonFinite = RunOptions.AllowNonFinite();
        var maxPixels = RunOptions.MaxImagePixels();
        var inference = RunOptions.Inference();

        var command = new Command("predict", "Classify images with saved weights and print the most probable classes by name.")
        {
            model, weights, images, top, preprocess, format, input, classes, includeTop, head, device, allowNonFinite, maxPixels, inference,
        };
        command.SetAction(parse => Predict(
            parse.GetRequiredValue(model),
            parse.GetRequiredValue(weights),
            parse.GetRequiredValue(images),
            parse.GetValue(top),
            parse.GetValue(preprocess),
            parse.GetChoice<OutputFormat>(format),
            parse.GetValue(input),
            parse.GetValue(classes),
            ModelOptions.NewHead(parse.GetRequiredValue(model), parse.GetRequiredValue(includeTop) == "true", parse.GetValue(head), parse.GetValue(classes)),
            parse.GetRequiredValue(device),
            parse.GetValue(allowNonFinite),
            parse.GetValue(maxPixels),
            parse.GetRequiredValue(inference) == "true"));
        return command;
    }

    private int Predict(ZooModel model, string weights, string[] images, int top, ImagePreprocessing? preprocess, OutputFormat format, Shape? input, int? classes, int? head, string device, bool allowNonFinite, long maxPixels, bool forInference)
    {
        WeightsArgument.RequireFile(weights);

        var missing = images.FirstOrDefault(i => !File.Exists(i));
        if (missing is not null)
        {
            throw new CliException($"--image {missing}: no such file.");
        }

        var metadata = NetworkMetadata.Read(weights);
        var network = head is { } n
            ? ModelOptions.WithHead(model, input ?? metadata.Input, n)
            : model.Build(input ?? metadata.Input, classes ?? metadata.ClassNames?.Count);
        var shape = network.Input.Shape;
        int count = network.Output.Shape.Channels;
        var names = metadata.ClassNames is { } recorded && recorded.Count == count
            ? recorded
            : Enumerable.Range(0, count).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();

        var pixels = new float[images.Length * shape.Elements];
        for (int i = 0; i < images.Length; i++)
        {
            ImageDecoder.Decode(images[i], shape, pixels.AsSpan(checked((int)(i * shape.Elements)), checked((int)shape.Elements)), maxPixels);
        }

        var data = DataSet.FromPixels("images", shape, pixels, new int[images.Length], count);
        data = preprocess is { } mode ? data.Preprocess(mode) : metadata.Apply(data);
        using var compiled = TrainingInputs.Compile(backends, device, network, seed: 0, forInference);
        WeightsArgument.Load(compiled, weights, output.Error, allowNonFinite);

        var probabilities = new List<float[]>();
        foreach (var (batch, _) in data.Batches(32))
        {
            var scores = compiled.Predict(batch);
            for (int row = 0; row < scores.Shape[0]; row++)
            {
                probabilities.Add(scores.Data.AsSpan(row * count, count).ToArray());
            }
        }

        int k = Math.Min(top, count);
        output.Out.Write(format == OutputFormat.Json ? Json(model.Name, weights, names, images, probabilities, k) : Text(names, images, probabilities, k));
        return ExitCodes.Success;
    }

    private static int[] Ranked(float[] probabilities, int k) =>
        Enumerable.Range(0, probabilities.Length).OrderByDescending(c => probabilities[c]).ThenBy(c => c).Take(k).ToArray();

    private static string Text(IReadOnlyList<string> names, string[] images, List<float[]> probabilities, int k)
    {
        var text = new StringBuilder();
        for (int i = 0; i < images.Length; i++)
        {
            text.Append(images[i]).Append('\n');
            foreach (int c in Ranked(probabilities[i], k))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {probabilities[i][c]:F4}  {names[c]}\n");
            }
        }

        return text.ToString();
    }

    // JSON has no NaN or Infinity; null is what a probability that isn't a number becomes (--allow-non-finite).
    private static void Number(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static string Json(string model, string weights, IReadOnlyList<string> names, string[] images, List<float[]> probabilities, int k)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("weights", weights);
            json.WriteStartArray("classes");
            foreach (var name in names)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteStartArray("predictions");
            for (int i = 0; i < images.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("image", images[i]);
                json.WriteStartArray("top");
                foreach (int c in Ranked(probabilities[i], k))
                {
                    json.WriteStartObject();
                    json.WriteString("class", names[c]);
                    json.WriteNumber("index", c);
                    json.WritePropertyName("probability");
                    Number(json, probabilities[i][c]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("probabilities");
                foreach (float p in probabilities[i])
                {
                    Number(json, p);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
