namespace FluentNets.Verification;

/// <summary>How a generated network turns its image into a vector, if it does.</summary>
public enum VectorHead
{
    /// <summary>The network ends on an image.</summary>
    None,

    /// <summary><c>Flatten</c>: H W C features.</summary>
    Flatten,

    /// <summary><c>GlobalAveragePooling2D</c>: C features.</summary>
    GlobalAvgPool,

    /// <summary><c>GlobalMaxPooling2D</c>: C features.</summary>
    GlobalMaxPool,
}
