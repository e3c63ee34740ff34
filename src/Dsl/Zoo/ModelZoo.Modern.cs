namespace FluentNets.Zoo;

/// <content>
/// The grouped, dense and normalised families: ResNeXt, Wide ResNet, RegNet, ShuffleNetV2, SqueezeNet, DenseNet,
/// ConvNeXt, ResNetV2, Inception-ResNet-v2, NASNet and torchvision's VGG variants.
/// </content>
public static partial class ModelZoo
{
    private static ZooModel[] Modern() => [];
}
