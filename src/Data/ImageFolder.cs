namespace FluentNets.Data;

/// <summary>
/// A folder of images with one subfolder per class (the layout of tf_flowers and of Keras's
/// <c>image_dataset_from_directory</c>): classes are the subfolder names in ordinal order, images
/// are found in each subfolder and below it, and files at the top are ignored. Only the file
/// names are held in memory; each image is decoded and resized when a batch needs it, so
/// <see cref="DataSet.Prefetch"/> can decode on background threads.
/// </summary>
public sealed class ImageFolder
{
    private ImageFolder(DataSet data, IReadOnlyList<string> classNames, IReadOnlyList<SkippedFile> skipped)
    {
        Data = data;
        ClassNames = classNames;
        Skipped = skipped;
    }

    /// <summary>Every image, labelled by its subfolder, at the requested shape with values in [0, 1].</summary>
    public DataSet Data { get; }

    /// <summary>The class names: label k is <c>ClassNames[k]</c>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Files that were left out, with the reason: not an image by extension, or one SkiaSharp can't open.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>
    /// Finds the images under <paramref name="directory"/> and checks each file's header (not its
    /// pixels); a file of another extension or one whose header SkiaSharp refuses is skipped and
    /// listed in <see cref="Skipped"/>. Images are resized to <paramref name="shape"/> when read.
    /// </summary>
    /// <param name="directory">The folder with one subfolder per class.</param>
    /// <param name="shape">The network's input: height, width and 1 (grey) or 3 (RGB) channels.</param>
    /// <exception cref="DataFormatException">
    /// The folder does not exist, has fewer than two class subfolders, or a class has no image left:
    /// nothing is loaded.
    /// </exception>
    /// <param name="maxPixels">The most pixels an image may have; a larger one is skipped (<see cref="ImageDecoder.DefaultMaxPixels"/>).</param>
    /// <exception cref="ArgumentException">The shape is not an image of 1 or 3 channels.</exception>
    public static ImageFolder Load(string directory, Shape shape, long maxPixels = ImageDecoder.DefaultMaxPixels)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsImage || shape.Channels is not (1 or 3))
        {
            throw new ArgumentException($"{directory}: images are read as grey (1 channel) or RGB (3 channels), not as {shape}.", nameof(shape));
        }

        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, "a folder with one subfolder of images per class", "no such folder");
        }

        var classes = Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            throw new DataFormatException(directory, "at least two class subfolders", classes.Length == 0 ? "none" : $"only '{classes[0]}'");
        }

        var candidates = classes
            .SelectMany((name, label) => Directory.EnumerateFiles(Path.Combine(directory, name), "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => (Path: path, Label: label)))
            .ToArray();
        var reasons = new string?[candidates.Length];
        Parallel.For(0, candidates.Length, i =>
        {
            var path = candidates[i].Path;
            reasons[i] = ImageDecoder.HasImageExtension(path) ? ImageDecoder.Probe(path, maxPixels) : $"not an image file (accepted: {string.Join(", ", ImageDecoder.Extensions)})";
        });

        var skipped = candidates.Select((c, i) => (c.Path, Reason: reasons[i])).Where(c => c.Reason is not null).Select(c => new SkippedFile(c.Path, c.Reason!)).ToArray();
        var images = candidates.Where((_, i) => reasons[i] is null).ToArray();
        var counts = new int[classes.Length];
        foreach (var image in images)
        {
            counts[image.Label]++;
        }

        var empty = Array.IndexOf(counts, 0);
        if (empty >= 0)
        {
            throw new DataFormatException(
                Path.Combine(directory, classes[empty]),
                "at least one JPEG, PNG, BMP, WebP or GIF image in each class folder",
                skipped.Length == 0 ? "none" : $"none that can be read ({skipped.Length} file{(skipped.Length == 1 ? "" : "s")} skipped in all)");
        }

        var paths = images.Select(i => i.Path).ToArray();
        var store = ExampleStore.FromDecoder(
            shape, images.Select(i => i.Label).ToArray(), (index, destination) => ImageDecoder.Decode(paths[index], shape, destination, maxPixels), index => paths[index]);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return new ImageFolder(DataSet.Create(name, classes.Length, store), classes, skipped);
    }

    /// <summary><c>flower_photos: 3670 x 224x224x3, 5 classes (daisy, dandelion, roses, sunflowers, tulips); 1 file skipped</c>.</summary>
    public override string ToString() =>
        $"{Data} ({string.Join(", ", ClassNames)}){(Skipped.Count == 0 ? "" : $"; {Skipped.Count} file{(Skipped.Count == 1 ? "" : "s")} skipped")}";
}

/// <summary>A file an <see cref="ImageFolder"/> left out.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, e.g. <c>not an image SkiaSharp can decode (InvalidInput)</c>.</param>
public sealed record SkippedFile(string Path, string Reason);
