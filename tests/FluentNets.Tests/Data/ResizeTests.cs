using FluentNets.Data;

namespace FluentNets.Tests.Data;

public class ResizeTests
{
    private static DataSet Image(int height, int width, int channels, params float[] pixels) =>
        DataSet.FromPixels("image", Shape.Image(height, width, channels), pixels, [0], 1);

    private static float[] Pixels(DataSet data) => Assert.Single(data.Batches(1)).Images.Data;

    [Fact]
    public void NearestUpscaleRepeatsEachPixel()
    {
        var resized = Image(2, 2, 1, 0, 1, 2, 3).ResizeTo(Shape.Image(4, 4, 1), Interpolation.Nearest);

        Assert.Equal(
            [
                0, 0, 1, 1,
                0, 0, 1, 1,
                2, 2, 3, 3,
                2, 2, 3, 3,
            ],
            Pixels(resized));
    }

    [Fact]
    public void BilinearUpscaleBlendsPixelCentresAndClampsEdges()
    {
        // The values torch.nn.functional.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False) gives.
        var resized = Image(2, 2, 1, 0, 1, 2, 3).ResizeTo(Shape.Image(4, 4, 1), Interpolation.Bilinear);

        Assert.Equal(
            [
                0.0f, 0.25f, 0.75f, 1.0f,
                0.5f, 0.75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2.0f, 2.25f, 2.75f, 3.0f,
            ],
            Pixels(resized));
    }

    [Theory]
    [InlineData(Interpolation.Nearest, new[] { 5f, 7, 13, 15 })]
    [InlineData(Interpolation.Bilinear, new[] { 2.5f, 4.5f, 10.5f, 12.5f })]
    public void DownscaleSamplesPixelCentres(Interpolation interpolation, float[] expected)
    {
        var image = Image(4, 4, 1, Enumerable.Range(0, 16).Select(i => (float)i).ToArray());

        Assert.Equal(expected, Pixels(image.ResizeTo(Shape.Image(2, 2, 1), interpolation)));
    }

    [Fact]
    public void NonSquareNearestResizeScalesEachAxisOnItsOwn()
    {
        var resized = Image(1, 2, 1, 1, 2).ResizeTo(Shape.Image(2, 4, 1), Interpolation.Nearest);

        Assert.Equal([1f, 1, 2, 2, 1, 1, 2, 2], Pixels(resized));
    }

    [Fact]
    public void EachChannelIsResizedOnItsOwn()
    {
        var resized = Image(1, 1, 2, 3, 7).ResizeTo(Shape.Image(2, 2, 2));

        Assert.Equal([3f, 3, 3, 3, 7, 7, 7, 7], Pixels(resized));
    }

    [Fact]
    public void GreyBecomesRgbByRepeatingTheChannel()
    {
        var rgb = Image(2, 2, 1, 0, 1, 2, 3).ResizeTo(Shape.Image(2, 2, 3));

        Assert.Equal(Shape.Image(2, 2, 3), rgb.Shape);
        Assert.Equal([1, 3, 2, 2], rgb.Batches(1).Single().Images.Shape);
        Assert.Equal([0f, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], Pixels(rgb));
    }

    [Fact]
    public void DigitsResizeToLeNetsInput()
    {
        var digits = DataSets.Digits().ResizeTo(Shape.Image(32, 32, 3), Interpolation.Nearest);
        var (images, _) = digits.Batches(1).First();

        Assert.Equal([1, 3, 32, 32], images.Shape);
        Assert.Equal(5 / 16f, images.Data[8]);
        Assert.Equal(images.Data[..1024], images.Data[2048..]);
    }

    [Fact]
    public void ASecondResizeStartsAgainFromTheLoadedPixels()
    {
        var image = Image(2, 2, 1, 0, 1, 2, 3);

        Assert.Equal(Pixels(image), Pixels(image.ResizeTo(Shape.Image(4, 4, 1)).ResizeTo(Shape.Image(2, 2, 1))));
    }

    [Theory]
    [InlineData(3, 1, "image: cannot convert 3-channel images to 1 channels (2x2x3 to 2x2x1); only grey (1 channel) becomes RGB (3), by repeating the channel.")]
    [InlineData(1, 2, "image: cannot convert 1-channel images to 2 channels (2x2x1 to 2x2x2); only grey (1 channel) becomes RGB (3), by repeating the channel.")]
    [InlineData(3, 4, "image: cannot convert 3-channel images to 4 channels (2x2x3 to 2x2x4); only grey (1 channel) becomes RGB (3), by repeating the channel.")]
    public void OtherChannelConversionsAreRefused(int from, int to, string message)
    {
        var image = Image(2, 2, from, new float[4 * from]);

        var error = Assert.Throws<ArgumentException>(() => image.ResizeTo(Shape.Image(2, 2, to)));

        Assert.Equal(message + " (Parameter 'target')", error.Message);
    }

    [Fact]
    public void VectorsDoNotResize()
    {
        var error = Assert.Throws<ArgumentException>(() => Image(2, 2, 1, 0, 1, 2, 3).ResizeTo(Shape.Vector(4)));

        Assert.Equal("image: cannot resize 2x2x1 to 4: only images resize, to images. (Parameter 'target')", error.Message);
    }
}
