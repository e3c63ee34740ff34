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
}
