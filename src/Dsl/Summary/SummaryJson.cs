using System.Text;
using System.Text.Json;
using FluentNets.Analysis;

namespace FluentNets.Summary;

/// <summary>
/// Writes an analysis as JSON: <c>{name, input, outputs, total_params, trainable_params,
/// non_trainable_params, macs, ..., layers: [{name, type, output_shape, params,
/// trainable_params, trainable, macs, inputs}]}</c>, shapes in (H, W, C) order.
/// </summary>
public static class SummaryJson
{
    /// <summary>The JSON text, indented.</summary>
    public static string Render(NetworkAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var network = analysis.Network;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", network.Name);
            Dims(json, "input", network.Input.Shape);
            json.WriteStartObject("outputs");
            foreach (var (name, node) in network.Outputs)
            {
                Dims(json, name, node.Shape);
            }

            json.WriteEndObject();
            json.WriteNumber("total_params", analysis.Params.Total);
            json.WriteNumber("trainable_params", analysis.Params.Trainable);
            json.WriteNumber("non_trainable_params", analysis.Params.NonTrainable);
            json.WriteNumber("macs", analysis.Macs);
            json.WriteNumber("inference_params", analysis.InferenceParams.Total);
            json.WriteNumber("inference_macs", analysis.InferenceMacs);
            json.WriteNumber("activation_bytes", analysis.ActivationBytes);
            json.WriteStartArray("auxiliary");
            foreach (var aux in network.Auxiliary)
            {
                json.WriteStartObject();
                json.WriteString("name", aux.Name);
                json.WriteString("output", aux.Node.Name);
                json.WriteNumber("loss_weight", aux.LossWeight);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("layers");
            foreach (var layer in analysis.Layers)
            {
                json.WriteStartObject();
                json.WriteString("name", layer.Name);
                json.WriteString("type", layer.Type);
                Dims(json, "output_shape", layer.Shape);
                json.WriteNumber("params", layer.Params.Total);
                json.WriteNumber("trainable_params", layer.Params.Trainable);
                json.WriteBoolean("trainable", !layer.Frozen);
                json.WriteNumber("macs", layer.Macs);
                json.WriteStartArray("inputs");
                foreach (var input in layer.Node.Inputs)
                {
                    json.WriteStringValue(input.Name);
                }

                json.WriteEndArray();
                json.WriteStartArray("receptive_field");
                json.WriteNumberValue(layer.ReceptiveField.Rows.Size);
                json.WriteNumberValue(layer.ReceptiveField.Cols.Size);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Dims(Utf8JsonWriter json, string name, Shape shape)
    {
        json.WriteStartArray(name);
        foreach (int d in shape.Dims)
        {
            json.WriteNumberValue(d);
        }

        json.WriteEndArray();
    }
}
