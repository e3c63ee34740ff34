using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace FluentNets.Analyzers.Evaluation;

/// <summary>
/// Finds, for a symbol of the DSL the analysed code calls, the same member of the DSL sources
/// compiled into this assembly, and the runtime type of a type symbol. One instance per
/// compilation; lookups are cached and thread-safe.
/// </summary>
internal sealed class Linked
{
    private static readonly Assembly Dsl = typeof(Net).Assembly;

    private readonly ConcurrentDictionary<ISymbol, MemberInfo?> members = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, Type?> types = new(SymbolEqualityComparer.Default);

    /// <summary>Whether the symbol belongs to the DSL: the FluentNets namespace of the FluentNets.Dsl assembly.</summary>
    public static bool IsDsl(ISymbol symbol) =>
        symbol.ContainingAssembly?.Name == "FluentNets.Dsl" && symbol.ContainingNamespace is { } ns && IsFluentNets(ns);

    /// <summary>The runtime type, or null when there is none this assembly can make.</summary>
    public Type? Type(ITypeSymbol? symbol) => symbol is null ? null : types.GetOrAdd(symbol, MapType);

    /// <summary>The linked method or constructor, with generic arguments applied, or null.</summary>
    public MethodBase? Method(IMethodSymbol method)
    {
        var found = members.GetOrAdd(method.OriginalDefinition, m => FindMethod((IMethodSymbol)m)) as MethodBase;
        if (found?.DeclaringType is { IsGenericTypeDefinition: true })
        {
            var declaring = Type(method.ContainingType);
            found = declaring is null ? null : MethodBase.GetMethodFromHandle(found.MethodHandle, declaring.TypeHandle);
        }

        if (found is MethodInfo { IsGenericMethodDefinition: true } generic)
        {
            var arguments = method.TypeArguments.Select(Type).ToArray();
            return arguments.Any(a => a is null) ? null : generic.MakeGenericMethod(arguments!);
        }

        return found;
    }

    private static bool IsFluentNets(INamespaceSymbol ns)
    {
        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns.Name == "FluentNets";
    }

    private MemberInfo? FindMethod(IMethodSymbol method)
    {
        if (!IsDsl(method) || method.ContainingType is null)
        {
            return null;
        }

        var declaring = Dsl.GetType(MetadataName(method.ContainingType.OriginalDefinition), throwOnError: false);
        if (declaring is null)
        {
            return null;
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> candidates = method.MethodKind == MethodKind.Constructor
            ? declaring.GetConstructors(all)
            : declaring.GetMethods(all).Where(m => m.Name == method.MetadataName.Split('`')[0]);
        return candidates.FirstOrDefault(c => SameSignature(c, method));
    }

    private static bool SameSignature(MethodBase candidate, IMethodSymbol method)
    {
        var parameters = candidate.GetParameters();
        if (parameters.Length != method.Parameters.Length || candidate.IsGenericMethodDefinition != method.IsGenericMethod)
        {
            return false;
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Name != method.Parameters[i].Name || parameters[i].ParameterType.Name != RuntimeName(method.Parameters[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name reflection gives the type: <c>Net`1</c>, <c>Net`1[]</c>, <c>Nullable`1</c>, <c>T</c>.</summary>
    private static string RuntimeName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => RuntimeName(array.ElementType) + "[]",
        _ => type.MetadataName,
    };

    private static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private Type? MapType(ITypeSymbol symbol)
    {
        switch (symbol.SpecialType)
        {
            case SpecialType.System_Int32: return typeof(int);
            case SpecialType.System_Int64: return typeof(long);
            case SpecialType.System_Double: return typeof(double);
            case SpecialType.System_Single: return typeof(float);
            case SpecialType.System_Boolean: return typeof(bool);
            case SpecialType.System_String: return typeof(string);
            case SpecialType.System_Object: return typeof(object);
            case SpecialType.System_Nullable_T: return typeof(Nullable<>);
        }

        if (symbol is IArrayTypeSymbol { Rank: 1 } array)
        {
            return Type(array.ElementType)?.MakeArrayType();
        }

        if (symbol is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.IsGenericType && !named.IsUnboundGenericType && !SymbolEqualityComparer.Default.Equals(named, named.OriginalDefinition))
        {
            var definition = Type(named.OriginalDefinition);
            var arguments = named.TypeArguments.Select(Type).ToArray();
            return definition is null || arguments.Any(a => a is null) ? null : definition.MakeGenericType(arguments!);
        }

        if (IsDsl(named))
        {
            return Dsl.GetType(MetadataName(named), throwOnError: false);
        }

        // Only the framework's generic shapes the DSL's signatures use.
        return MetadataName(named) switch
        {
            "System.Func`2" => typeof(Func<,>),
            "System.Func`3" => typeof(Func<,,>),
            "System.ValueTuple`2" => typeof(ValueTuple<,>),
            "System.ValueTuple`3" => typeof(ValueTuple<,,>),
            "System.ValueTuple`4" => typeof(ValueTuple<,,,>),
            "System.Collections.Generic.IReadOnlyList`1" => typeof(IReadOnlyList<>),
            _ => null,
        };
    }
}
