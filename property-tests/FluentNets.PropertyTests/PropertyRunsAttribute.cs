using System.Diagnostics.CodeAnalysis;
using FsCheck.Xunit;

namespace FluentNets.PropertyTests;

/// <summary>
/// Assembly-wide FsCheck settings: <see cref="PropertyRuns.Count"/> cases per property. Attribute
/// arguments must be constants, so the count is set in the constructor instead; FsCheck merges
/// this with each class's <c>[Properties(Arbitrary = ...)]</c> and each method's
/// <c>[Property(...)]</c>, the nearer one winning for every setting it names.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
[SuppressMessage("xUnit", "xUnit3003", Justification = "Applied to the assembly, never to a test method, so there is no source location to record.")]
public sealed class PropertyRunsAttribute : PropertiesAttribute
{
    /// <summary>Sets <c>MaxTest</c> from <see cref="PropertyRuns.Count"/>.</summary>
    public PropertyRunsAttribute() => MaxTest = PropertyRuns.Count;
}
