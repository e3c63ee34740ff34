namespace FluentNets.Verification;

/// <summary>The shape errors <see cref="InvalidNetwork"/> plants in a valid network.</summary>
public enum PlantedError
{
    /// <summary>A convolution or pool with valid or explicit padding whose window no longer fits its input.</summary>
    OversizedWindow,

    /// <summary>A <c>Concatenate</c> of the input and a branch that strides or pads it.</summary>
    MisalignedConcat,

    /// <summary>An <c>Add</c> of the input and a branch with one more channel.</summary>
    MismatchedAdd,

    /// <summary>A residual block with an identity shortcut around a body that strides (or, on a 1x1 input, changes the channels).</summary>
    IdentityAcrossStride,

    /// <summary>A <c>ChannelShuffle</c> whose groups do not divide the channels.</summary>
    IndivisibleShuffle,

    /// <summary>A <c>SliceChannels</c> that reaches one channel past the last.</summary>
    SliceOutOfRange,

    /// <summary>A <c>Cropping2D</c> that removes every row or every column.</summary>
    CroppedAway,

    /// <summary>A <c>Rescaling</c> or constant <c>Normalization</c> with one value more than the channels.</summary>
    PerChannelCount,

    /// <summary>An activation layer with an argument Keras refuses (a negative cap, slope, threshold or alpha), or none at all.</summary>
    InvalidActivation,

    /// <summary>A scaled residual whose branch has one more channel than its input.</summary>
    MismatchedScaledAdd,

    /// <summary>A <c>Reshape</c> to a vector of one value more than the image holds.</summary>
    ReshapedSize,
}
