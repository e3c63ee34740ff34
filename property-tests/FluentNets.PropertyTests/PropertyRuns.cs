using System.Globalization;

namespace FluentNets.PropertyTests;

/// <summary>
/// How many cases each property runs: 200 unless the environment variable
/// <c>FLUENTNETS_PROPERTY_RUNS</c> says otherwise (a nightly job can ask for 10000, a quick local
/// loop for 20). This is the only place the variable is read.
/// </summary>
public static class PropertyRuns
{
    /// <summary>The environment variable that overrides <see cref="Default"/>.</summary>
    public const string Variable = "FLUENTNETS_PROPERTY_RUNS";

    /// <summary>Cases per property when the variable is not set.</summary>
    public const int Default = 200;

    /// <summary>Cases per property for this run.</summary>
    /// <exception cref="InvalidOperationException">The variable is set but is not a positive integer.</exception>
    public static int Count
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return Default;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int runs) && runs > 0
                ? runs
                : throw new InvalidOperationException($"{Variable} must be a positive integer. Received: {Variable}=\"{text}\".");
        }
    }
}
