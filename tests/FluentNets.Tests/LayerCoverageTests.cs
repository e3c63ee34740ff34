using System.Reflection;
using FluentNets.Backends.Reference;
using FluentNets.Backends.Reference.Kernels;
using FluentNets.Backends.TorchSharp;
using FluentNets.Export.Onnx;
using FluentNets.Export.PyTorch;
using FluentNets.Layers;
using FluentNets.Verification;

namespace FluentNets.Tests;

/// <summary>
/// Every concrete layer kind and every activation, found by reflection in the DSL, has an implementation on every
/// target (the TorchSharp lowering, the float64 reference plan, the ONNX and model.py emitters, the verification
/// generators), or a refusal declared where that target's implementations live. A kind added with nothing else fails
/// here once per target, naming it.
/// </summary>
public sealed class LayerCoverageTests
{
    /// <summary>The targets, each with the kinds it implements and the refusals it declares.</summary>
    private static readonly Dictionary<string, Target> Targets = new(StringComparer.Ordinal)
    {
        ["TorchSharp lowering"] = new(LayerLowerings.Kinds, ActivationFunctions.Kinds, _ => null),
        ["reference plan"] = new(LayerPlans.Kinds, ActivationKernel.Kinds, _ => null),
        ["ONNX emitter"] = new(OnnxLayers.Kinds, OnnxActivations.Kinds, OnnxLayers.Refusal),
        ["model.py emitter"] = new(PyLayers.Kinds, PyActivations.Kinds, PyLayers.Refusal),
        ["verification generator"] = new(GeneratedKinds.All, GeneratedKinds.Activations, kind => GeneratedKinds.NotGenerated.GetValueOrDefault(kind)),
    };

    public static TheoryData<string> TargetNames => new(Targets.Keys);

    /// <summary>Every concrete <see cref="LayerSpec"/> the DSL defines.</summary>
    private static Type[] LayerKinds => Concrete(typeof(LayerSpec));

    /// <summary>Every concrete <see cref="Activation"/> the DSL defines.</summary>
    private static Type[] ActivationKinds => Concrete(typeof(Activation));

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void EveryLayerKindHasAnImplementationOrADeclaredRefusal(string target)
    {
        var missing = Missing(Targets[target], LayerKinds);

        Assert.True(missing.Length == 0, $"{target}: no implementation and no declared refusal for {string.Join(", ", missing.Select(k => k.Name))}.");
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void EveryActivationHasAnImplementation(string target)
    {
        var missing = ActivationKinds.Except(Targets[target].Activations).ToArray();

        Assert.True(missing.Length == 0, $"{target}: no implementation for the activation {string.Join(", ", missing.Select(k => k.Name))}.");
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void ALayerKindWithNothingElseIsNamedAsMissing(string target)
    {
        // A kind with no implementation anywhere is named once for this target.
        Assert.Equal([typeof(DropoutCopy)], Missing(Targets[target], [.. LayerKinds, typeof(DropoutCopy)]));
    }

    [Fact]
    public void TheReflectionFindsTheKindsTheDslDocuments()
    {
        // Kinds of every era: from LeNet's convolution to the mobile and modern families' additions.
        Assert.Contains(typeof(Conv2D), LayerKinds);
        Assert.Contains(typeof(LayerNormalization), LayerKinds);
        Assert.Contains(typeof(Dropout), LayerKinds);
        Assert.Contains(typeof(Activations.HardSwish), ActivationKinds);
        Assert.DoesNotContain(typeof(LayerSpec), LayerKinds);
    }

    private static Type[] Missing(Target target, IEnumerable<Type> kinds) =>
        kinds.Where(kind => !target.Layers.Contains(kind) && target.Refusal(kind) is null).ToArray();

    private static Type[] Concrete(Type family) =>
        family.Assembly.GetTypes().Where(t => family.IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

    private sealed record Target(IEnumerable<Type> Layers, IEnumerable<Type> Activations, Func<Type, string?> Refusal);

    /// <summary>
    /// Dropout under another name: what a kind added without its targets looks like to the tables (LayerSpec's
    /// constructor is the DSL's own, so the stand-in is a type the tables do not know).
    /// </summary>
    private sealed record DropoutCopy(double Rate);
}
