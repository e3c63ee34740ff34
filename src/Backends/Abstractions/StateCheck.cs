namespace FluentNets.Backends;

/// <summary>Checks a state against a network's parameter layout before anything is written.</summary>
public static class StateCheck
{
    /// <summary>Throws unless <paramref name="state"/> has exactly the parameters of <paramref name="expected"/> with their shapes.</summary>
    /// <exception cref="WeightsException">The first parameter that is missing, unexpected or of another shape, with both shapes.</exception>
    public static void Validate(IReadOnlyList<ParameterInfo> expected, IReadOnlyDictionary<string, HostTensor> state)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(state);
        foreach (var p in expected)
        {
            if (!state.TryGetValue(p.Name, out var t))
            {
                throw new WeightsException($"{p.Name}: missing from the weights; the network has {p.ShapeText}.");
            }

            if (!t.Shape.SequenceEqual(p.Shape))
            {
                throw new WeightsException($"{p.Name}: the weights have {t.ShapeText} but the network has {p.ShapeText}.");
            }
        }

        var names = expected.Select(p => p.Name).ToHashSet();
        var extra = state.Keys.FirstOrDefault(k => !names.Contains(k));
        if (extra is not null)
        {
            throw new WeightsException($"{extra}: in the weights ({state[extra].ShapeText}) but not in the network.");
        }
    }
}
