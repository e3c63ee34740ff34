using FluentNets.Graph;
using FluentNets.Layers;
using FluentNets.Zoo;

namespace FluentNets.Dsl.Tests.Zoo;

/// <summary>
/// The mobile and efficient families against their frameworks' counts, to the unit: keras.applications' totals as
/// <c>model.summary()</c> prints them (BatchNorm statistics and Normalization's mean, variance and count included),
/// and torchvision's <c>num_params</c> with its BatchNorm buffers.
/// </summary>
public class MobileZooTests
{
    private static readonly Shape Imagenet = Shape.Image(224, 224, 3);

    // Total, trainable and non-trainable as keras.applications' model.summary() gives them at the default size with
    // 1000 classes. Keras publishes the totals of MobileNet, MobileNetV2 and EfficientNetB0 to B7
    // (keras.io/api/applications); MobileNetV3's and EfficientNetV2's, and every split, are those of Keras 3's layer
    // definitions as keras_mobile.py's `counts` mode rebuilds them outside FluentNets.
    [Theory]
    [InlineData("mobilenet", 4_253_864, 4_231_976, 21_888)]
    [InlineData("mobilenet-v2", 3_538_984, 3_504_872, 34_112)]
    [InlineData("mobilenet-v3-small", 2_554_968, 2_542_856, 12_112)]
    [InlineData("mobilenet-v3-large", 5_507_432, 5_483_032, 24_400)]
    [InlineData("efficientnet-b0", 5_330_571, 5_288_548, 42_023)]
    [InlineData("efficientnet-b1", 7_856_239, 7_794_184, 62_055)]
    [InlineData("efficientnet-b2", 9_177_569, 9_109_994, 67_575)]
    [InlineData("efficientnet-b3", 12_320_535, 12_233_232, 87_303)]
    [InlineData("efficientnet-b4", 19_466_823, 19_341_616, 125_207)]
    [InlineData("efficientnet-b5", 30_562_527, 30_389_784, 172_743)]
    [InlineData("efficientnet-b6", 43_265_143, 43_040_704, 224_439)]
    [InlineData("efficientnet-b7", 66_658_687, 66_347_960, 310_727)]
    [InlineData("efficientnet-v2-b0", 7_200_312, 7_139_704, 60_608)]
    [InlineData("efficientnet-v2-b1", 8_212_124, 8_141_052, 71_072)]
    [InlineData("efficientnet-v2-b2", 10_178_374, 10_096_086, 82_288)]
    [InlineData("efficientnet-v2-b3", 14_467_622, 14_358_406, 109_216)]
    [InlineData("efficientnet-v2-s", 21_612_360, 21_458_488, 153_872)]
    [InlineData("efficientnet-v2-m", 54_431_388, 54_139_356, 292_032)]
    [InlineData("efficientnet-v2-l", 119_027_848, 118_515_272, 512_576)]
    public void KerasModelsHaveKerasCounts(string model, long total, long trainable, long nonTrainable)
    {
        var counts = ModelZoo.Get(model).Build().Analysis.Params;

        Assert.Equal((total, trainable, nonTrainable), (counts.Total, counts.Trainable, counts.NonTrainable));
    }

    // keras_mobile.py `counts`: Keras 3's layer definitions without the top, no pooling, at the default size.
    [Theory]
    [InlineData("mobilenet", 3_228_864, 21_888, 7, 1024)]
    [InlineData("mobilenet-v2", 2_257_984, 34_112, 7, 1280)]
    [InlineData("mobilenet-v3-small", 939_120, 12_112, 7, 576)]
    [InlineData("mobilenet-v3-large", 2_996_352, 24_400, 7, 960)]
    [InlineData("efficientnet-b0", 4_049_571, 42_023, 7, 1280)]
    [InlineData("efficientnet-b7", 64_097_687, 310_727, 19, 2560)]
    [InlineData("efficientnet-v2-b0", 5_919_312, 60_608, 7, 1280)]
    [InlineData("efficientnet-v2-l", 117_746_848, 512_576, 15, 1280)]
    public void WithoutTheTopAKerasModelEndsInItsLastFeatureMap(string model, long total, long nonTrainable, int side, int channels)
    {
        var network = ModelZoo.Get(model).Build(includeTop: false);

        Assert.Equal((total, nonTrainable), (network.Analysis.Params.Total, network.Analysis.Params.NonTrainable));
        Assert.Equal(Shape.Image(side, side, channels), network.Output.Shape);
    }

    public static TheoryData<string, Func<bool, Network>, long, long> KerasVariants => new()
    {
        { "mobilenet alpha 0.25", top => MobileNet.Build(Imagenet, includeTop: top, alpha: 0.25), 475_544, 218_544 },
        { "mobilenet alpha 0.5", top => MobileNet.Build(Imagenet, includeTop: top, alpha: 0.5), 1_342_536, 829_536 },
        { "mobilenet alpha 0.75", top => MobileNet.Build(Imagenet, includeTop: top, alpha: 0.75), 2_601_976, 1_832_976 },
        { "mobilenet depth multiplier 2", top => MobileNet.Build(Imagenet, includeTop: top, depthMultiplier: 2), 7_457_928, 6_432_928 },
        { "mobilenet alpha 0.5, depth multiplier 2", top => MobileNet.Build(Imagenet, includeTop: top, alpha: 0.5, depthMultiplier: 2), 2_159_672, 1_646_672 },
        { "mobilenet-v2 alpha 0.35", top => MobileNetV2.Build(Imagenet, includeTop: top, alpha: 0.35), 1_691_208, 410_208 },
        { "mobilenet-v2 alpha 0.5", top => MobileNetV2.Build(Imagenet, includeTop: top, alpha: 0.5), 1_987_224, 706_224 },
        { "mobilenet-v2 alpha 0.75", top => MobileNetV2.Build(Imagenet, includeTop: top, alpha: 0.75), 2_663_064, 1_382_064 },
        { "mobilenet-v2 alpha 1.3", top => MobileNetV2.Build(Imagenet, includeTop: top, alpha: 1.3), 5_431_048, 3_766_048 },
        { "mobilenet-v2 alpha 1.4", top => MobileNetV2.Build(Imagenet, includeTop: top, alpha: 1.4), 6_156_712, 4_363_712 },
        { "mobilenet-v3-small alpha 0.75", top => MobileNetV3.BuildSmall(Imagenet, includeTop: top, alpha: 0.75), 2_051_552, 583_160 },
        { "mobilenet-v3-small minimalistic", top => MobileNetV3.BuildSmall(Imagenet, includeTop: top, minimalistic: true), 2_056_848, 441_000 },
        { "mobilenet-v3-small without preprocessing", top => MobileNetV3.BuildSmall(Imagenet, includeTop: top, includePreprocessing: false), 2_554_968, 939_120 },
        { "mobilenet-v3-large alpha 0.75", top => MobileNetV3.BuildLarge(Imagenet, includeTop: top, alpha: 0.75), 4_012_616, 1_808_736 },
        { "mobilenet-v3-large minimalistic", top => MobileNetV3.BuildLarge(Imagenet, includeTop: top, minimalistic: true), 3_948_688, 1_437_608 },
        { "efficientnet-b0 weights=None", top => EfficientNet.Build(0, Imagenet, includeTop: top, imagenetStructure: false), 5_330_571, 4_049_571 },
    };

    // keras_mobile.py `counts` for the builders' options, with the top and without it.
    [Theory]
    [MemberData(nameof(KerasVariants))]
    public void KerasOptionsHaveKerasCounts(string variant, Func<bool, Network> build, long total, long withoutTop)
    {
        Assert.Equal(total, build(true).Analysis.Params.Total);
        Assert.Equal(withoutTop, build(false).Analysis.Params.Total);
        Assert.NotNull(variant);
    }

    // torchvision 0.14: num_params (published in each weights' meta), the BatchNorm buffers' running_mean and
    // running_var, and the parameters of `features` (`layers` in MNASNet), counted by PyTorch 1.13.
    [Theory]
    [InlineData("tv-mobilenet-v2", 3_504_872, 34_112, 2_223_872)]
    [InlineData("tv-mobilenet-v3-small", 2_542_856, 12_112, 927_008)]
    [InlineData("tv-mobilenet-v3-large", 5_483_032, 24_400, 2_971_952)]
    [InlineData("tv-efficientnet-b0", 5_288_548, 42_016, 4_007_548)]
    [InlineData("tv-efficientnet-b1", 7_794_184, 62_048, 6_513_184)]
    [InlineData("tv-efficientnet-b2", 9_109_994, 67_568, 7_700_994)]
    [InlineData("tv-efficientnet-b3", 12_233_232, 87_296, 10_696_232)]
    [InlineData("tv-efficientnet-b4", 19_341_616, 125_200, 17_548_616)]
    [InlineData("tv-efficientnet-b5", 30_389_784, 172_736, 28_340_784)]
    [InlineData("tv-efficientnet-b6", 43_040_704, 224_432, 40_735_704)]
    [InlineData("tv-efficientnet-b7", 66_347_960, 310_720, 63_786_960)]
    [InlineData("tv-efficientnet-v2-s", 21_458_488, 153_872, 20_177_488)]
    [InlineData("tv-efficientnet-v2-m", 54_139_356, 292_032, 52_858_356)]
    [InlineData("tv-efficientnet-v2-l", 118_515_272, 512_576, 117_234_272)]
    [InlineData("tv-mnasnet0-5", 2_218_512, 20_624, 937_512)]
    [InlineData("tv-mnasnet0-75", 3_170_208, 29_808, 1_889_208)]
    [InlineData("tv-mnasnet1-0", 4_383_312, 37_920, 3_102_312)]
    [InlineData("tv-mnasnet1-3", 6_282_256, 48_816, 5_001_256)]
    public void TorchVisionModelsHaveTorchVisionsCounts(string model, long trainable, long runningStatistics, long features)
    {
        var zoo = ModelZoo.Get(model);

        var counts = zoo.Build().Analysis.Params;
        var withoutTop = zoo.Build(includeTop: false).Analysis.Params;

        Assert.Equal((trainable, runningStatistics), (counts.Trainable, counts.NonTrainable));
        Assert.Equal((features, runningStatistics), (withoutTop.Trainable, withoutTop.NonTrainable));
    }

    // keras.applications names its models mobilenet_{alpha}_{rows}, mobilenetv2_..., MobileNetV3Small, efficientnetb0 and
    // efficientnetv2-b0; torchvision's are named by their zoo names.
    [Theory]
    [InlineData("mobilenet", "MobileNet", "mobilenet_1.00_224")]
    [InlineData("mobilenet-v2", "MobileNetV2", "mobilenetv2_1.00_224")]
    [InlineData("tv-mobilenet-v2", "MobileNetV2", "tv-mobilenet-v2")]
    [InlineData("mobilenet-v3-small", "MobileNetV3", "MobileNetV3Small")]
    [InlineData("mobilenet-v3-large", "MobileNetV3", "MobileNetV3Large")]
    [InlineData("tv-mobilenet-v3-small", "MobileNetV3", "tv-mobilenet-v3-small")]
    [InlineData("tv-mobilenet-v3-large", "MobileNetV3", "tv-mobilenet-v3-large")]
    [InlineData("efficientnet-b0", "EfficientNet", "efficientnetb0")]
    [InlineData("efficientnet-b7", "EfficientNet", "efficientnetb7")]
    [InlineData("tv-efficientnet-b0", "EfficientNet", "tv-efficientnet-b0")]
    [InlineData("tv-efficientnet-b7", "EfficientNet", "tv-efficientnet-b7")]
    [InlineData("efficientnet-v2-b0", "EfficientNetV2", "efficientnetv2-b0")]
    [InlineData("efficientnet-v2-l", "EfficientNetV2", "efficientnetv2-l")]
    [InlineData("tv-efficientnet-v2-s", "EfficientNetV2", "tv-efficientnet-v2-s")]
    [InlineData("tv-mnasnet0-5", "MNASNet", "tv-mnasnet0-5")]
    [InlineData("tv-mnasnet0-75", "MNASNet", "tv-mnasnet0-75")]
    [InlineData("tv-mnasnet1-0", "MNASNet", "tv-mnasnet1-0")]
    [InlineData("tv-mnasnet1-3", "MNASNet", "tv-mnasnet1-3")]
    public void AModelBelongsToItsFamilyAndIsNamedAsItsFrameworkNamesIt(string model, string family, string network)
    {
        var zoo = ModelZoo.Get(model);

        Assert.Equal((family, network), (zoo.Family, zoo.Build().Name));
    }

    [Fact]
    public void AlphaNamesAKerasMobileNetAsKerasDoes()
    {
        Assert.Equal("mobilenet_0.25_128", MobileNet.Build(Shape.Image(128, 128, 3), alpha: 0.25).Name);
        Assert.Equal("mobilenetv2_1.40_96", MobileNetV2.Build(Shape.Image(96, 96, 3), alpha: 1.4).Name);
    }

    [Fact]
    public void AFrozenEfficientNetCountsEveryWeightAsNonTrainableAsKerasDoes()
    {
        // Keras: base_model.trainable = False makes all of EfficientNetB0's 5,330,571 weights non-trainable.
        var counts = ModelZoo.Get("efficientnet-b0").Build().Freeze().Analysis.Params;

        Assert.Equal((0L, 5_330_571L), (counts.Trainable, counts.NonTrainable));
    }

    [Fact]
    public void FreezingUpToTheLastBlockLeavesTheTopConvolutionToTrain()
    {
        var network = ModelZoo.Get("efficientnet-b0").Build(includeTop: false, pooling: Pooling.Avg).FreezeUpTo("block7a_project_bn");

        // top_conv's 1x1x320x1280 kernel (no bias) and top_bn's gamma and beta; its moving statistics stay non-trainable.
        Assert.Equal(320 * 1280 + 2 * 1280, network.Analysis.Params.Trainable);
        Assert.Equal(4_049_571 - (320 * 1280 + 2 * 1280), network.Analysis.Params.NonTrainable);
    }
}
