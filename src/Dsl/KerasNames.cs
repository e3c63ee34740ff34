using System.Text;

namespace FluentNets;

/// <summary>Keras's spelling of names.</summary>
public static class KerasNames
{
    /// <summary>
    /// Keras's <c>naming.to_snake_case</c> for a layer class name, the prefix of its automatic names:
    /// <c>SeparableConv2D</c> to <c>separable_conv2d</c>, <c>ReLU</c> to <c>re_lu</c>, <c>LeakyReLU</c> to <c>leaky_re_lu</c>.
    /// </summary>
    /// <param name="className">The class name.</param>
    public static string Snake(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        var builder = new StringBuilder();
        for (int i = 0; i < className.Length; i++)
        {
            char c = className[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(className[i - 1]) || (i + 1 < className.Length && char.IsLower(className[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
