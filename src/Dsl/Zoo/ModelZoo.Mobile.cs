namespace FluentNets.Zoo;

/// <content>The mobile and efficient families: MobileNet v1 to v3, EfficientNet and EfficientNetV2, MNASNet.</content>
public static partial class ModelZoo
{
    private static ZooModel[] Mobile() => [];
}
