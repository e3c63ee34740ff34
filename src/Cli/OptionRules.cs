using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;

namespace FluentNets.Cli;

/// <summary>
/// What the commands' options accept, declared on System.CommandLine's own typed options: the
/// values a choice takes (<see cref="ArgumentValidation.AcceptOnlyFromAmong{T}"/>), the range a
/// number must be in (a validator), and one wording for every bad value,
/// <c>--name 'value' is not EXPECTED.</c> System.CommandLine's own messages name the CLR type
/// (<c>System.Int32</c>) or list the choices over several lines, so <see cref="Describe"/> words
/// those the same way for every option declared here.
/// </summary>
public static class OptionRules
{
    // Options carry no user data, and an option lives as long as its command: a weak table keeps
    // the expectation with the option without a subclass of System.CommandLine's own type.
    private static readonly ConditionalWeakTable<Option, string> Expectations = [];

    /// <summary>
    /// Declares what <paramref name="option"/> accepts, as the error says it (<c>a positive integer</c>),
    /// and, when <paramref name="valid"/> is given, refuses a value System.CommandLine converted but that is out of range.
    /// </summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="option">The option.</param>
    /// <param name="expected">What a good value is, completing "--name 'value' is not ...".</param>
    /// <param name="valid">Whether a converted value is in range; null when every value of the type is.</param>
    /// <returns>The same option.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="option"/> or <paramref name="expected"/> is null.</exception>
    public static Option<T> Accepts<T>(this Option<T> option, string expected, Func<T, bool>? valid = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(expected);
        Expectations.AddOrUpdate(option, expected);
        if (valid is not null)
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Count > 0 && TryConvert(result, out T value) && !valid(value))
                {
                    result.AddError(Message(option, result));
                }
            });
        }

        return option;
    }

    /// <summary>
    /// Accepts only <paramref name="values"/>, lower-case as typed, shows them as the help's value
    /// name, and words a bad value as <c>--name 'value' is not one of a, b.</c>
    /// </summary>
    /// <typeparam name="T">The option's type: a string (see <see cref="GetChoice{TEnum}"/>), a number, or a nullable enum.</typeparam>
    /// <param name="option">The option.</param>
    /// <param name="values">The accepted values.</param>
    /// <returns>The same option.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="option"/> is null.</exception>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.AcceptOnlyFromAmong(values);
        option.HelpName = string.Join('|', values);
        return option.Accepts($"one of {string.Join(", ", values)}");
    }

    /// <summary>A parse error as one line: for an option declared here, <c>--name 'value' is not EXPECTED.</c>; otherwise System.CommandLine's message.</summary>
    /// <param name="error">The parse error.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static string Describe(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.SymbolResult is OptionResult result && Expectations.TryGetValue(result.Option, out _)
            ? Message(result.Option, result)
            : error.Message;
    }

    /// <summary>
    /// The enum value a choice option names. A choice is an <c>Option&lt;string&gt;</c> declared with
    /// <see cref="OneOf{T}"/>, not an <c>Option&lt;TEnum&gt;</c>, because the help prints a default
    /// with its <c>ToString()</c>: <c>text</c> as typed, where an enum would print <c>Text</c>.
    /// </summary>
    /// <typeparam name="TEnum">The enum whose names, in any case, are the option's values.</typeparam>
    /// <param name="parse">The parse result.</param>
    /// <param name="option">The choice option.</param>
    /// <returns>The value named.</returns>
    /// <exception cref="InvalidOperationException">The option has no value and no default.</exception>
    public static TEnum GetChoice<TEnum>(this ParseResult parse, Option<string> option)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Enum.Parse<TEnum>(parse.GetRequiredValue(option), ignoreCase: true);
    }

    private static string Message(Option option, OptionResult result) =>
        $"{option.Name} '{(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "")}' is not {Expectations.GetValue(option, _ => "valid")}.";

    // System.CommandLine runs validators before it reports a value it could not convert, and
    // converting such a value throws; that value is reported once, by its conversion error.
    private static bool TryConvert<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
