namespace FluentNets.Backends.Reference;

/// <summary>The precision-specific half of a <see cref="ReferenceNetwork"/>; arguments are already validated.</summary>
internal interface IReferenceModel
{
    /// <summary>Runs a batch of the right shape forward.</summary>
    IReadOnlyDictionary<string, HostTensor> Forward(HostTensor input, bool training);

    /// <summary>Runs a batch of the right shape forward in inference mode and returns every node's output but the input's.</summary>
    IReadOnlyDictionary<string, HostTensor> ForwardLayers(HostTensor input);

    /// <summary>A float32 copy of every parameter and buffer.</summary>
    IReadOnlyDictionary<string, HostTensor> GetState();

    /// <summary>Overwrites every parameter and buffer from a state that passed <see cref="StateCheck"/>.</summary>
    void SetState(IReadOnlyDictionary<string, HostTensor> state);
}
