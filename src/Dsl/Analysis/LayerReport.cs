using FluentNets.Graph;

namespace FluentNets.Analysis;

/// <summary>What the analysis knows about one layer.</summary>
/// <param name="Node">The layer's node.</param>
/// <param name="ReceptiveField">Receptive field of one output position.</param>
/// <param name="InInference">Whether the layer is part of the inference graph (false for auxiliary heads).</param>
/// <param name="Frozen">Whether the layer is frozen: all its parameters then count as non-trainable.</param>
public sealed record LayerReport(Node Node, ReceptiveField ReceptiveField, bool InInference, bool Frozen = false)
{
    /// <summary>Full path name.</summary>
    public string Name => Node.Name;

    /// <summary>Keras class name.</summary>
    public string Type => Node.Layer.KerasType;

    /// <summary>Output shape of one example.</summary>
    public Shape Shape => Node.Shape;

    /// <summary>Parameters; a frozen layer's are all non-trainable, as Keras counts them.</summary>
    public Layers.ParamCount Params => Frozen ? new Layers.ParamCount(0, Node.Params.Total) : Node.Params;

    /// <summary>Multiply-accumulates for one example.</summary>
    public long Macs => Node.Macs;

    /// <summary>Bytes of the layer's float32 output for one example.</summary>
    public long ActivationBytes => Node.Shape.Elements * sizeof(float);
}
