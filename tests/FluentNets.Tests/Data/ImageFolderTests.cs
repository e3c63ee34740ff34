using FluentNets.Data;
using SkiaSharp;

namespace FluentNets.Tests.Data;

public class ImageFolderTests
{
    private static readonly Shape Rgb8 = Shape.Image(8, 8, 3);

    private static float[] Pixels(DataSet data, bool shuffle = false, int seed = 0) =>
        data.Batches(64, shuffle, seed).SelectMany(b => b.Images.Data).ToArray();

    [Fact]
    public void ClassesAreTheSubfoldersInOrdinalOrderAndLabelsFollowThem()
    {
        using var folder = ImageFiles.Flowers();

        var images = ImageFolder.Load(folder.Path, Rgb8);

        Assert.Equal(["roses", "tulips"], images.ClassNames);
        Assert.Equal(12, images.Data.Count);
        Assert.Equal([6, 6], images.Data.ClassCounts());
        Assert.Equal(Rgb8, images.Data.Shape);
        Assert.Empty(images.Skipped);
    }

    [Fact]
    public void APngDecodesToItsExactColourAndAJpegToWithinItsCompression()
    {
        using var folder = new TempDirectory();
        folder.Write("a/x.png", ImageFiles.Solid(8, 8, new SKColor(255, 128, 0)));
        folder.Write("b/y.jpg", ImageFiles.Solid(8, 8, new SKColor(0, 64, 255), SKEncodedImageFormat.Jpeg));

        var batch = ImageFolder.Load(folder.Path, Rgb8).Data.Batches(2).Single().Images;

        Assert.Equal([2, 3, 8, 8], batch.Shape);
        Assert.All(batch.Data[..64], v => Assert.Equal(1f, v));
        Assert.All(batch.Data[64..128], v => Assert.Equal(128 / 255f, v));
        Assert.All(batch.Data[128..192], v => Assert.Equal(0f, v));
        Assert.All(batch.Data[192..256], v => Assert.InRange(v, 0f, 3 / 255f));
        Assert.All(batch.Data[256..320], v => Assert.InRange(v, 61 / 255f, 67 / 255f));
        Assert.All(batch.Data[320..384], v => Assert.InRange(v, 252 / 255f, 1f));
    }

    [Fact]
    public void ImagesAreResizedToTheNetworksInputAndGreyIsPilsLuminance()
    {
        using var folder = new TempDirectory();
        folder.Write("a/wide.png", ImageFiles.Solid(40, 10, new SKColor(200, 100, 50)));
        folder.Write("b/tall.bmp", ImageFiles.Solid(5, 30, new SKColor(200, 100, 50), SKEncodedImageFormat.Png));

        var grey = Pixels(ImageFolder.Load(folder.Path, Shape.Image(4, 6, 1)).Data);

        // PIL's convert("L"): (200 * 299 + 100 * 587 + 50 * 114) / 1000 = 124 (integer division).
        Assert.Equal(2 * 4 * 6, grey.Length);
        Assert.All(grey, v => Assert.Equal(124 / 255f, v));
    }

    [Fact]
    public void NonImagesAndCorruptFilesAreSkippedAndNamed()
    {
        using var folder = ImageFiles.Flowers();
        folder.Write("roses/notes.txt", "a rose is a rose"u8.ToArray());
        folder.Write("tulips/broken.jpg", [0xFF, 0xD8, 0x00, 0x01, 0x02]);
        folder.Write("LICENSE.txt", "top-level files are not classes"u8.ToArray());

        var images = ImageFolder.Load(folder.Path, Rgb8);

        Assert.Equal(12, images.Data.Count);
        Assert.Equal(
            [Path.Combine(folder.Path, "roses", "notes.txt"), Path.Combine(folder.Path, "tulips", "broken.jpg")],
            images.Skipped.Select(s => s.Path));
        Assert.StartsWith("not an image file", images.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("not an image SkiaSharp can decode", images.Skipped[1].Reason, StringComparison.Ordinal);
        Assert.EndsWith("; 2 files skipped", images.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OneClassAnEmptyClassOrNoFolderIsRefusedBeforeTraining()
    {
        using var folder = new TempDirectory();
        folder.Write("roses/a.png", ImageFiles.Solid(4, 4, SKColors.Red));
        var one = Assert.Throws<DataFormatException>(() => ImageFolder.Load(folder.Path, Rgb8));
        folder.Write("tulips/readme.md", "no images here"u8.ToArray());
        var empty = Assert.Throws<DataFormatException>(() => ImageFolder.Load(folder.Path, Rgb8));
        var missing = Assert.Throws<DataFormatException>(() => ImageFolder.Load(Path.Combine(folder.Path, "nowhere"), Rgb8));

        Assert.Equal($"{folder.Path}: expected at least two class subfolders, found only 'roses'.", one.Message);
        Assert.Equal($"{Path.Combine(folder.Path, "tulips")}: expected at least one JPEG, PNG, BMP, WebP or GIF image in each class folder, found none that can be read (1 file skipped in all).", empty.Message);
        Assert.Equal($"{Path.Combine(folder.Path, "nowhere")}: expected a folder with one subfolder of images per class, found no such folder.", missing.Message);
    }

    [Fact]
    public void ATruncatedImageIsLeftOutOfItsBatchAndNamedWhenItsPixelsFail()
    {
        using var folder = ImageFiles.Flowers();
        var whole = ImageFiles.Noise(128, 128, seed: 1);
        string truncated = folder.Write("roses/cut.jpg", whole[..(whole.Length / 2)]);

        // The header is whole, so loading accepts the file; decoding its pixels fails, and the batch goes on without it.
        var images = ImageFolder.Load(folder.Path, Rgb8);
        Assert.Empty(images.Skipped);
        int examples = images.Data.Prefetch(2).Batches(4).Sum(batch => batch.Labels.Length);

        Assert.Equal(images.Data.Count - 1, examples);
        var damaged = Assert.Single(images.Data.Damaged);
        Assert.Equal(truncated, damaged.Path);
        Assert.StartsWith("expected a complete image, found ", damaged.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tf", 1f, 128 / 127.5f - 1, -1f)]
    [InlineData("unit", 1f, 128 / 255f, 0f)]
    [InlineData("none", 255f, 128f, 0f)]
    public void PreprocessingScalesAsKerasApplicationsPreprocessInput(string mode, float red, float green, float blue)
    {
        using var folder = new TempDirectory();
        folder.Write("a/x.png", ImageFiles.Solid(2, 2, new SKColor(255, 128, 0)));
        folder.Write("b/y.png", ImageFiles.Solid(2, 2, new SKColor(255, 128, 0)));

        var pixels = Pixels(ImageFolder.Load(folder.Path, Shape.Image(2, 2, 3)).Data.Preprocess(ImagePreprocessingExtensions.Parse(mode)));

        Assert.Equal(red, pixels[0], 3);
        Assert.Equal(green, pixels[4], 3);
        Assert.Equal(blue, pixels[8], 3);
    }

    [Fact]
    public void CaffeIsBgrMinusTheImageNetMeansAndTorchIsTorchvisionsNormalize()
    {
        var pixel = DataSet.FromPixels("p", Shape.Image(1, 1, 3), [1f, 128 / 255f, 0f], [0], 1);

        var caffe = pixel.Preprocess(ImagePreprocessing.Caffe).Batches(1).Single().Images.Data;
        var torch = pixel.Preprocess(ImagePreprocessing.Torch).Batches(1).Single().Images.Data;

        // keras.applications.imagenet_utils: x[..., ::-1] - [103.939, 116.779, 123.68].
        Assert.Equal(0 - 103.939f, caffe[0], 3);
        Assert.Equal(128 - 116.779f, caffe[1], 3);
        Assert.Equal(255 - 123.68f, caffe[2], 3);
        Assert.Equal((1 - 0.485f) / 0.229f, torch[0], 5);
        Assert.Equal((128 / 255f - 0.456f) / 0.224f, torch[1], 5);
        Assert.Equal((0 - 0.406f) / 0.225f, torch[2], 5);
    }

    [Fact]
    public void SplitsTakeTheirFractionsWithoutOverlap()
    {
        var data = DataSets.Synthetic(Shape.Image(2, 2, 1), classes: 2, count: 200, seed: 1);

        var parts = data.Split([0.75, 0.15, 0.10], seed: 4);
        var again = data.Split([0.75, 0.15, 0.10], seed: 4);

        Assert.Equal([150, 30, 20], parts.Select(p => p.Count));
        Assert.Equal(["synthetic-train", "synthetic-validation", "synthetic-test"], parts.Select(p => p.Name));
        Assert.Equal(Pixels(parts[1]), Pixels(again[1]));
        Assert.Throws<ArgumentException>(() => data.Split([0.8, 0.3], seed: 4));
    }

    [Fact]
    public void AugmentationFlipsSomeTrainingImagesAndNeverEvaluationOnes()
    {
        using var folder = new TempDirectory();
        for (int i = 0; i < 16; i++)
        {
            folder.Write($"{(i % 2 == 0 ? "a" : "b")}/{i}.png", ImageFiles.Halves(8, 8, SKColors.White, SKColors.Black));
        }

        var data = ImageFolder.Load(folder.Path, Rgb8).Data.Augment(new Augmentation(HorizontalFlip: true));
        var training = data.Batches(16, shuffle: true, seed: 3).Single().Images.Data;

        static bool LeftIsWhite(float[] pixels, int example) => pixels[example * 192] == 1f;
        int flipped = Enumerable.Range(0, 16).Count(e => !LeftIsWhite(training, e));
        Assert.InRange(flipped, 3, 13);
        Assert.Equal(training, data.Batches(16, shuffle: true, seed: 3).Single().Images.Data);
        var evaluation = data.Batches(16).Single().Images.Data;
        Assert.All(Enumerable.Range(0, 16), e => Assert.True(LeftIsWhite(evaluation, e)));
    }

    [Fact]
    public void ARandomCropZoomsIntoTheImage()
    {
        using var folder = new TempDirectory();
        folder.Write("a/x.png", ImageFiles.Halves(16, 16, SKColors.White, SKColors.Black));
        folder.Write("b/y.png", ImageFiles.Halves(16, 16, SKColors.White, SKColors.Black));
        var data = ImageFolder.Load(folder.Path, Shape.Image(16, 16, 1)).Data.Augment(new Augmentation(HorizontalFlip: false, MinScale: 0.25));

        var crops = Enumerable.Range(0, 8).Select(seed => data.Batches(2, shuffle: true, seed: seed).Single().Images.Data[..256]).ToArray();

        // A crop of half the width or less, placed at random, moves the white-to-black edge away from the middle.
        Assert.Contains(crops, c => c[7] != 1f || c[8] != 0f);
        Assert.All(crops, c => Assert.All(c, v => Assert.InRange(v, 0f, 1f)));
    }

    [Fact]
    public void PrefetchedBatchesAreTheSameBatches()
    {
        using var folder = ImageFiles.Flowers(perClass: 10);
        var data = ImageFolder.Load(folder.Path, Rgb8).Data.Augment(new Augmentation(MinScale: 0.5));

        Assert.Equal(Pixels(data, shuffle: true, seed: 9), Pixels(data.Prefetch(3), shuffle: true, seed: 9));
        Assert.Single(data.Prefetch(1).Batches(4, shuffle: true).Take(1));
    }
}
