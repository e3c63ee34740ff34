using System.Globalization;
using System.Text;
using FluentNets.Graph;

namespace FluentNets.Export.PyTorch;

/// <summary>One node's lines in model.py's <c>forward()</c>: the node, its variable (its attribute's name), its inputs' variables.</summary>
/// <param name="py">The source being written.</param>
/// <param name="node">The node.</param>
/// <param name="variable">The node's variable and attribute.</param>
/// <param name="inputs">The variables of the node's inputs.</param>
/// <param name="isOutput">Whether the node is one of the network's outputs.</param>
internal sealed class PyForward(StringBuilder py, Node node, string variable, IReadOnlyList<string> inputs, bool isOutput)
{
    /// <summary>The node.</summary>
    public Node Node => node;

    /// <summary>The node's variable, which is also its attribute's name.</summary>
    public string Variable => variable;

    /// <summary>The variables of the node's inputs.</summary>
    public IReadOnlyList<string> Inputs => inputs;

    /// <summary>Whether the node is one of the network's outputs.</summary>
    public bool IsOutput => isOutput;

    /// <summary>The layer's module called on its first input: <c>self.conv1(x)</c>.</summary>
    public string Call => $"self.{variable}({(inputs.Count > 0 ? inputs[0] : "")})";

    /// <summary>Writes <c>variable = expression</c>.</summary>
    public void Assign(string expression) => Line($"{variable} = {expression}");

    /// <summary>Writes one line of the method's body.</summary>
    public void Line(string text) => py.Append(CultureInfo.InvariantCulture, $"        {text}\n");
}
