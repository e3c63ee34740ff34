namespace FluentNets.PropertyTests;

/// <summary>How a random <see cref="Chain"/> turns its image into a vector, if it does.</summary>
public enum VectorHead
{
    /// <summary>The chain ends on an image.</summary>
    None,

    /// <summary><c>Flatten</c>: H W C features.</summary>
    Flatten,

    /// <summary><c>GlobalAveragePooling2D</c>: C features.</summary>
    GlobalAvgPool,
}
