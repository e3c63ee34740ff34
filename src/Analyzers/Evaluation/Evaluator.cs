using System.Globalization;
using System.Reflection;
using FluentNets.Graph;
using FluentNets.Layers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace FluentNets.Analyzers.Evaluation;

/// <summary>
/// Runs the fluent calls of one body with the DSL compiled into this assembly: constants,
/// locals, the DSL's methods, lambdas and methods of the same file, nothing else. Whatever it
/// cannot see through stops the chain silently (<see cref="Stop"/>); a call that throws
/// <see cref="NetBuildException"/> is reported where it is written.
/// </summary>
internal sealed class Evaluator(Linked linked, SemanticModel model, Action<Diagnostic> report, CancellationToken cancellation)
{
    private const int MaxDepth = 8;

    private readonly HashSet<TextSpan> reported = [];
    private readonly HashSet<Node> checkedNodes = [];
    private int depth;

    /// <summary>Runs the statements of a member's body, in order, as far as they can be followed.</summary>
    public void RunBody(IEnumerable<IOperation> statements, Scope scope)
    {
        foreach (var statement in statements)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                Execute(statement, scope, out bool returned);
                if (returned)
                {
                    return;
                }
            }
            catch (Reported)
            {
                // The body throws here when it runs: nothing after it runs.
                return;
            }
            catch (Stop)
            {
                AfterUnfollowed(statement, scope);
            }
        }
    }

    /// <summary>
    /// A statement that could not be followed may still hold lambdas the evaluator can run, such
    /// as <c>Assert.Throws(() =&gt; x.Conv(32, 7))</c>: each is run as if called. Afterwards the
    /// locals it assigns are unknown, and so are the network handles unless nothing it did could
    /// have added layers to them.
    /// </summary>
    private void AfterUnfollowed(IOperation statement, Scope scope)
    {
        bool allBroke = true;
        foreach (var lambda in DetachedLambdas(statement))
        {
            allBroke &= RunDetached(lambda, scope);
        }

        foreach (var local in AssignedLocals(statement))
        {
            scope.Forget(local);
        }

        if (!allBroke || UsesNetworkOutsideLambdas(statement, scope))
        {
            scope.ForgetNetworks();
        }
    }

    private bool RunDetached(IAnonymousFunctionOperation lambda, Scope scope)
    {
        try
        {
            RunFunction(lambda.Body, new Scope(scope));
            return false;
        }
        catch (Reported)
        {
            return true;
        }
        catch (Stop)
        {
            return false;
        }
    }

    private static IEnumerable<IAnonymousFunctionOperation> DetachedLambdas(IOperation statement)
    {
        foreach (var op in statement.Descendants())
        {
            if (op is IAnonymousFunctionOperation lambda && IsDetached(lambda, statement))
            {
                yield return lambda;
            }
        }
    }

    /// <summary>A lambda no enclosing lambda or DSL call will run: the outermost ones passed to code the evaluator does not know.</summary>
    private static bool IsDetached(IAnonymousFunctionOperation lambda, IOperation statement)
    {
        for (var op = lambda.Parent; op is not null && op != statement; op = op.Parent)
        {
            if (op is IAnonymousFunctionOperation || op is IInvocationOperation invocation && Linked.IsDsl(invocation.TargetMethod))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<ISymbol> AssignedLocals(IOperation statement)
    {
        foreach (var op in statement.DescendantsAndSelf())
        {
            switch (op)
            {
                case IVariableDeclaratorOperation declarator:
                    yield return declarator.Symbol;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation local }:
                    yield return local.Local;
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation local }:
                    yield return local.Local;
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local }:
                    yield return local.Local;
                    break;
            }
        }
    }

    /// <summary>Whether a handle is used outside lambdas other than to read one of its properties.</summary>
    private static bool UsesNetworkOutsideLambdas(IOperation statement, Scope scope)
    {
        foreach (var op in statement.DescendantsAndSelf())
        {
            if (op is ILocalReferenceOperation local && scope.HoldsNetwork(local.Local)
                && op.Parent is not IPropertyReferenceOperation && !InsideLambda(op, statement))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InsideLambda(IOperation op, IOperation statement)
    {
        for (var parent = op.Parent; parent is not null && parent != statement; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs a function body that must be followed to the end; anything unknown stops it.</summary>
    private object? RunFunction(IBlockOperation body, Scope scope)
    {
        if (++depth > MaxDepth)
        {
            depth--;
            throw Stop.Instance;
        }

        try
        {
            foreach (var statement in body.Operations)
            {
                var value = Execute(statement, scope, out bool returned);
                if (returned)
                {
                    return value;
                }
            }

            return null;
        }
        finally
        {
            depth--;
        }
    }

    private object? Execute(IOperation statement, Scope scope, out bool returned)
    {
        returned = false;
        switch (statement)
        {
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var initializer = declarator.Initializer ?? declaration.Initializer;
                        if (initializer is null)
                        {
                            throw Stop.Instance;
                        }

                        scope.Declare(declarator.Symbol, Evaluate(initializer.Value, scope));
                    }
                }

                return null;
            case IExpressionStatementOperation expression:
                Evaluate(expression.Operation, scope);
                return null;
            case IFieldInitializerOperation or IPropertyInitializerOperation:
                Evaluate(((ISymbolInitializerOperation)statement).Value, scope);
                return null;
            case IReturnOperation @return:
                returned = true;
                return @return.ReturnedValue is null ? null : Evaluate(@return.ReturnedValue, scope);
            case ILocalFunctionOperation:
            case IEmptyOperation:
                return null;
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    var value = Execute(inner, scope, out returned);
                    if (returned)
                    {
                        return value;
                    }
                }

                return null;
            default:
                throw Stop.Instance;
        }
    }

    private object? Evaluate(IOperation op, Scope scope)
    {
        cancellation.ThrowIfCancellationRequested();
        if (op.ConstantValue.HasValue)
        {
            return Coerce(op.ConstantValue.Value, op.Type);
        }

        switch (op)
        {
            case ILocalReferenceOperation local:
                return scope.TryGet(local.Local, out var value) ? value : throw Stop.Instance;
            case IParameterReferenceOperation parameter:
                return scope.TryGet(parameter.Parameter, out var argument) ? argument : throw Stop.Instance;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                var assigned = Evaluate(assignment.Value, scope);
                scope.Assign(target.Local, assigned);
                return assigned;
            case IConversionOperation conversion:
                return Convert(conversion, scope);
            case IParenthesizedOperation parenthesized:
                return Evaluate(parenthesized.Operand, scope);
            case IInvocationOperation invocation:
                return Invoke(invocation, scope);
            case IObjectCreationOperation { Constructor: { } constructor, Initializer: null } creation when Linked.IsDsl(constructor):
                return Call(creation.Syntax, constructor, null, creation.Arguments, scope);
            case IPropertyReferenceOperation { Property.GetMethod: { } getter, Arguments.Length: 0 } property when Linked.IsDsl(getter):
                var instance = property.Instance is null ? null : Evaluate(property.Instance, scope);
                return Call(property.Syntax, getter, instance, [], scope);
            case ITupleOperation tuple:
                return Tuple(tuple, scope);
            case IArrayCreationOperation { Initializer: { } initializer } array:
                return Array(array, initializer, scope);
            case IDelegateCreationOperation creation:
                return Delegate(creation, scope);
            case IBinaryOperation binary:
                return Binary(binary, scope);
            case IInterpolatedStringOperation interpolated:
                return Interpolate(interpolated, scope);
            case IDefaultValueOperation:
                var type = linked.Type(op.Type) ?? throw Stop.Instance;
                return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
            case IWithOperation with:
                return With(with, scope);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Evaluate(conditional.Condition, scope) is bool condition
                    ? Evaluate(condition ? conditional.WhenTrue : whenFalse, scope)
                    : throw Stop.Instance;
            default:
                throw Stop.Instance;
        }
    }

    private object? Invoke(IInvocationOperation invocation, Scope scope)
    {
        var method = invocation.TargetMethod;
        if (Linked.IsDsl(method))
        {
            var instance = invocation.Instance is null ? null : Evaluate(invocation.Instance, scope);
            return Call(invocation.Syntax, method, instance, invocation.Arguments, scope);
        }

        var body = SourceBody(method);
        if (body is null || invocation.Instance is not null and not IInstanceReferenceOperation)
        {
            throw Stop.Instance;
        }

        var inner = new Scope(null);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null)
            {
                throw Stop.Instance;
            }

            inner.Declare(argument.Parameter, Evaluate(argument.Value, scope));
        }

        return RunFunction(body, inner);
    }

    /// <summary>The body of a method written in the analysed file, which the evaluator can run; null for any other.</summary>
    private IBlockOperation? SourceBody(IMethodSymbol method)
    {
        if (method.IsGenericMethod || method.IsAbstract || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellation);
        if (syntax.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return syntax switch
        {
            MethodDeclarationSyntax declaration => model.GetOperation(declaration, cancellation) is IMethodBodyOperation body
                ? body.BlockBody ?? body.ExpressionBody
                : null,
            LocalFunctionStatementSyntax local => (model.GetOperation(local, cancellation) as ILocalFunctionOperation)?.Body,
            _ => null,
        };
    }

    /// <summary>Calls the linked DSL member; a <see cref="NetBuildException"/> becomes FN0001 on the call's span.</summary>
    private object? Call(SyntaxNode syntax, IMethodSymbol method, object? instance, IEnumerable<IArgumentOperation> arguments, Scope scope)
    {
        var target = linked.Method(method) ?? throw Stop.Instance;
        var values = new object?[method.Parameters.Length];
        foreach (var argument in arguments)
        {
            if (argument.Parameter is null || argument.ArgumentKind == ArgumentKind.ParamCollection)
            {
                throw Stop.Instance;
            }

            values[argument.Parameter.Ordinal] = Evaluate(argument.Value, scope);
        }

        if (!target.IsStatic && !target.IsConstructor && instance is null)
        {
            throw Stop.Instance;
        }

        object? result;
        try
        {
            result = target is ConstructorInfo constructor ? constructor.Invoke(values) : target.Invoke(instance, values);
        }
        catch (TargetInvocationException e) when (e.InnerException is Stop stop)
        {
            throw stop;
        }
        catch (TargetInvocationException e) when (e.InnerException is NetBuildException error)
        {
            Report(Descriptors.BrokenChain, syntax, error.Message, method);
            throw Reported.Instance;
        }
        catch (Exception e) when (e is TargetInvocationException or ArgumentException or TargetParameterCountException or MemberAccessException or InvalidOperationException)
        {
            throw Stop.Instance;
        }

        CheckStrides(syntax, method, result);
        return result;
    }

    /// <summary>
    /// FN0002 when the window the call made floors where strict mode would reject it. Only the
    /// call's own layer is checked: a layer inside a built-in block (ResNet's strided 1x1
    /// projection floors by design) is not the user's to change.
    /// </summary>
    private void CheckStrides(SyntaxNode syntax, IMethodSymbol method, object? result)
    {
        var node = Values.NodeOf(result);
        if (node?.Window is null || Values.ContextOf(result) is not { Strict: false } || !checkedNodes.Add(node))
        {
            return;
        }

        try
        {
            node.Layer.Infer(new LayerContext(node.Name, node.InputShapes, node.Inputs.Select(i => i.Name).ToArray(), Strict: true));
        }
        catch (NetBuildException error)
        {
            Report(Descriptors.UnevenStride, syntax, error.Message, method);
        }
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode syntax, string message, IMethodSymbol method)
    {
        var span = CallSpan(syntax);
        if (!reported.Add(span))
        {
            return;
        }

        var properties = FixFor(message, method) is { } fix
            ? System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixArgument, fix)
            : null;
        report(Diagnostic.Create(descriptor, Location.Create(syntax.SyntaxTree, span), properties, message));
    }

    /// <summary>The argument the message tells the user to add, where the called method takes it.</summary>
    private static string? FixFor(string message, IMethodSymbol method)
    {
        foreach (var fix in new[] { "pad: Padding.Same", "shortcut: Shortcut.Projection" })
        {
            string parameter = fix.Substring(0, fix.IndexOf(':'));
            if (message.Contains(fix) && method.Parameters.Any(p => p.Name == parameter))
            {
                return fix;
            }
        }

        return null;
    }

    /// <summary><c>Conv(32, 7)</c> of <c>x.Conv(32, 7)</c>: from the method's name to the end of its arguments.</summary>
    private static TextSpan CallSpan(SyntaxNode syntax) => syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation =>
            TextSpan.FromBounds(access.Name.SpanStart, invocation.Span.End),
        MemberAccessExpressionSyntax access => access.Name.Span,
        _ => syntax.Span,
    };

    private object? Convert(IConversionOperation conversion, Scope scope)
    {
        var operand = Evaluate(conversion.Operand, scope);
        if (conversion.OperatorMethod is { } op)
        {
            if (!Linked.IsDsl(op))
            {
                throw Stop.Instance;
            }

            var method = linked.Method(op) ?? throw Stop.Instance;
            operand = Coerce(operand, op.Parameters[0].Type);
            try
            {
                operand = method.Invoke(null, [operand]);
            }
            catch (TargetInvocationException)
            {
                throw Stop.Instance;
            }
        }

        return Coerce(operand, conversion.Type);
    }

    /// <summary>The value as the runtime type of <paramref name="type"/>: numeric widening, enums, nullables, references.</summary>
    private object? Coerce(object? value, ITypeSymbol? type)
    {
        var target = linked.Type(type) ?? throw Stop.Instance;
        if (value is null)
        {
            return target.IsValueType && Nullable.GetUnderlyingType(target) is null ? throw Stop.Instance : null;
        }

        target = Nullable.GetUnderlyingType(target) ?? target;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        if (target.IsEnum && value is int or long or short or byte)
        {
            return Enum.ToObject(target, value);
        }

        if (target.IsPrimitive && value is IConvertible && value.GetType().IsPrimitive)
        {
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        throw Stop.Instance;
    }

    /// <summary>
    /// <c>Activation.Relu with { MaxValue = 6 }</c>: a DSL record copied by its clone method, then its
    /// properties set through their init accessors, as the compiled expression does.
    /// </summary>
    private object? With(IWithOperation with, Scope scope)
    {
        var original = Evaluate(with.Operand, scope);
        if (original is null || with.CloneMethod is not { } clone || !Linked.IsDsl(clone) || linked.Method(clone) is not MethodInfo cloneMethod)
        {
            throw Stop.Instance;
        }

        var copy = Run(cloneMethod, original, []);
        foreach (var initializer in with.Initializer.Initializers)
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.SetMethod: { } setter } } assignment
                || !Linked.IsDsl(setter) || linked.Method(setter) is not MethodInfo set)
            {
                throw Stop.Instance;
            }

            Run(set, copy, [Coerce(Evaluate(assignment.Value, scope), setter.Parameters[0].Type)]);
        }

        return copy;
    }

    /// <summary>Invokes a linked member that is not a fluent call: anything it throws stops the chain.</summary>
    private static object? Run(MethodInfo method, object? instance, object?[] arguments)
    {
        try
        {
            return method.Invoke(instance, arguments);
        }
        catch (Exception e) when (e is TargetInvocationException or ArgumentException or TargetParameterCountException or MemberAccessException)
        {
            throw Stop.Instance;
        }
    }

    private object? Tuple(ITupleOperation tuple, Scope scope)
    {
        var type = linked.Type(tuple.Type) ?? throw Stop.Instance;
        var elements = tuple.Elements.Select(e => Evaluate(e, scope)).ToArray();
        return Activator.CreateInstance(type, elements);
    }

    private Array Array(IArrayCreationOperation creation, IArrayInitializerOperation initializer, Scope scope)
    {
        var type = linked.Type(creation.Type)?.GetElementType() ?? throw Stop.Instance;
        var array = System.Array.CreateInstance(type, initializer.ElementValues.Length);
        for (int i = 0; i < array.Length; i++)
        {
            array.SetValue(Evaluate(initializer.ElementValues[i], scope), i);
        }

        return array;
    }

    /// <summary>A name such as <c>$"pool{i}"</c>: text, whole numbers and strings, formatted as the run would.</summary>
    private string Interpolate(IInterpolatedStringOperation interpolated, Scope scope)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in interpolated.Parts)
        {
            object? value = part switch
            {
                IInterpolatedStringTextOperation literal => Evaluate(literal.Text, scope),
                IInterpolationOperation { Alignment: null, FormatString: null } hole => Evaluate(hole.Expression, scope),
                _ => throw Stop.Instance,
            };
            text.Append(value switch
            {
                string s => s,
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => throw Stop.Instance,
            });
        }

        return text.ToString();
    }

    private object? Binary(IBinaryOperation binary, Scope scope)
    {
        var (left, right) = (Evaluate(binary.LeftOperand, scope), Evaluate(binary.RightOperand, scope));
        if (left is int a && right is int b)
        {
            return binary.OperatorKind switch
            {
                BinaryOperatorKind.Add => a + b,
                BinaryOperatorKind.Subtract => a - b,
                BinaryOperatorKind.Multiply => a * b,
                BinaryOperatorKind.Divide when b != 0 => a / b,
                BinaryOperatorKind.Remainder when b != 0 => a % b,
                BinaryOperatorKind.Equals => a == b,
                BinaryOperatorKind.NotEquals => a != b,
                BinaryOperatorKind.LessThan => a < b,
                BinaryOperatorKind.LessThanOrEqual => a <= b,
                BinaryOperatorKind.GreaterThan => a > b,
                BinaryOperatorKind.GreaterThanOrEqual => a >= b,
                _ => throw Stop.Instance,
            };
        }

        throw Stop.Instance;
    }

    /// <summary>A delegate the DSL can call: a lambda or a method of this file run by the evaluator, or a DSL method.</summary>
    private Delegate Delegate(IDelegateCreationOperation creation, Scope scope)
    {
        var type = linked.Type(creation.Type) ?? throw Stop.Instance;
        var invoke = type.GetMethod("Invoke") ?? throw Stop.Instance;
        var parameters = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        Func<object?[], object?> body;
        switch (creation.Target)
        {
            case IAnonymousFunctionOperation lambda:
                body = arguments =>
                {
                    var inner = new Scope(scope);
                    for (int i = 0; i < arguments.Length; i++)
                    {
                        inner.Declare(lambda.Symbol.Parameters[i], arguments[i]);
                    }

                    return RunFunction(lambda.Body, inner);
                };
                break;
            case IMethodReferenceOperation { Instance: null } reference when Linked.IsDsl(reference.Method):
                var method = linked.Method(reference.Method) as MethodInfo ?? throw Stop.Instance;
                return System.Delegate.CreateDelegate(type, method);
            case IMethodReferenceOperation { Instance: null } reference when SourceBody(reference.Method) is { } methodBody:
                body = arguments =>
                {
                    var inner = new Scope(null);
                    for (int i = 0; i < arguments.Length; i++)
                    {
                        inner.Declare(reference.Method.Parameters[i], arguments[i]);
                    }

                    return RunFunction(methodBody, inner);
                };
                break;
            default:
                throw Stop.Instance;
        }

        var bridge = parameters.Length switch
        {
            1 => typeof(Bridge<,>).MakeGenericType(parameters[0], invoke.ReturnType),
            2 => typeof(Bridge<,,>).MakeGenericType(parameters[0], parameters[1], invoke.ReturnType),
            _ => throw Stop.Instance,
        };
        return System.Delegate.CreateDelegate(type, Activator.CreateInstance(bridge, body), "Invoke");
    }
}
