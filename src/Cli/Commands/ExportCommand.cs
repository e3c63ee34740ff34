using System.CommandLine;
using FluentNets.Backends;
using FluentNets.Export;
using FluentNets.Export.Onnx;
using FluentNets.Export.PyTorch;
using FluentNets.Graph;
using FluentNets.Weights;
using FluentNets.Zoo;

namespace FluentNets.Cli.Commands;

/// <summary>
/// <c>fluentnets export &lt;model&gt; --format onnx|pytorch -o PATH [--weights FILE] [--input HxWxC]
/// [--classes N] [--class-names FILE] [--preprocessing TEXT]</c>: writes the model as an ONNX file, or
/// as a folder with <c>model.py</c>, <c>weights.safetensors</c> and <c>train_ddp.py</c> for PyTorch.
/// Without <c>--weights</c> the weights are Keras's initial ones (seed 0).
/// </summary>
/// <param name="models">The models it can build.</param>
/// <param name="backends">The backends, for initial weights.</param>
/// <param name="output">Where it prints.</param>
public sealed class ExportCommand(IReadOnlyList<ZooModel> models, BackendFactory backends, CliOutput output) : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var model = ModelOptions.Model(models);
        var input = ModelOptions.Input();
        var classes = ModelOptions.Classes();
        var format = new Option<string>("--format")
        {
            Description = "onnx (one .onnx file for ONNX Runtime) or pytorch (a folder: model.py, weights.safetensors, train_ddp.py).",
            Required = true,
        }.OneOf("onnx", "pytorch");
        var path = new Option<string>("--output", "-o")
        {
            Description = "The .onnx file, or the folder for pytorch.",
            HelpName = "PATH",
            Required = true,
        };
        var weights = new Option<string?>("--weights")
        {
            Description = "A safetensors file `train --save` wrote for this model, --input and --classes. Default: initial weights.",
            HelpName = "FILE",
        };
        var classNames = new Option<string?>("--class-names")
        {
            Description = "A text file with one class name per line, written into the model's metadata; by default the names train --save recorded with the weights.",
            HelpName = "FILE",
        };
        var preprocessing = new Option<string?>("--preprocessing")
        {
            Description = "How pixels become the input, written into the model's metadata, e.g. \"[0, 1]\" or \"caffe\"; by default what train --save recorded with the weights.",
            HelpName = "TEXT",
        };

        var command = new Command("export", "Write a model for ONNX Runtime or for PyTorch (with a DistributedDataParallel training template).")
        {
            model, format, path, weights, input, classes, classNames, preprocessing,
        };
        command.SetAction(parse => Export(
            parse.GetRequiredValue(model).Build(parse.GetValue(input), parse.GetValue(classes)),
            parse.GetRequiredValue(format),
            parse.GetRequiredValue(path),
            parse.GetValue(weights),
            parse.GetValue(classNames),
            parse.GetValue(preprocessing)));
        return command;
    }

    private int Export(Network network, string format, string path, string? weightsPath, string? classNamesPath, string? preprocessing)
    {
        var weights = Weights(network, weightsPath);
        // What train --save recorded with the weights, unless the command line says otherwise.
        var recorded = weightsPath is null ? NetworkMetadata.None : NetworkMetadata.Read(weightsPath);
        var metadata = recorded with
        {
            ClassNames = classNamesPath is null ? recorded.ClassNames : ClassNames(classNamesPath),
            Preprocess = preprocessing ?? recorded.Preprocess,
        };
        try
        {
            if (format == "onnx")
            {
                WriteOnnx(network, path, weights, metadata);
                output.Out.WriteLine($"wrote {path}: ONNX opset {OnnxExport.Opset}, input '{network.Input.Name}' (N, {network.Input.Shape.Channels}, {network.Input.Shape.Height}, {network.Input.Shape.Width}), output '{network.Output.Name}'");
            }
            else
            {
                if (File.Exists(path))
                {
                    throw new CliException($"-o {path}: is a file; pytorch export writes a folder.");
                }

                network.ExportPyTorch(path, weights, metadata);
                output.Out.WriteLine($"wrote {Path.Combine(path, PyTorchExport.ModelFile)}, {PyTorchExport.WeightsFile} and {PyTorchExport.TrainingFile}");
            }
        }
        catch (ExportException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"-o {path}: {e.Message}", ExitCodes.Usage, e);
        }

        return ExitCodes.Success;
    }

    private static void WriteOnnx(Network network, string path, IReadOnlyDictionary<string, HostTensor> weights, NetworkMetadata metadata)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"-o {path}: is a directory; onnx export writes one file.");
        }

        // Build the whole model before touching the file, and rename over it only once written.
        var model = network.ToOnnx(weights, metadata);
        string partial = path + ".partial";
        using (var stream = File.Create(partial))
        {
            Google.Protobuf.MessageExtensions.WriteTo(model, stream);
        }

        File.Move(partial, path, overwrite: true);
    }

    private IReadOnlyDictionary<string, HostTensor> Weights(Network network, string? path)
    {
        // The reference backend holds the weights: any format --weights takes loads into it, checked as every command checks it.
        using var compiled = backends.Get("reference", "cpu").Compile(network, seed: 0);
        if (path is not null)
        {
            WeightsArgument.Load(compiled, path, output.Error);
        }

        return compiled.GetState();
    }

    private static string[] ClassNames(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"--class-names {path}: no such file.");
        }

        return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
    }
}
