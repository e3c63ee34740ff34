namespace System.Threading;

/// <summary>
/// netstandard2.0 stand-in for .NET 9's <c>System.Threading.Lock</c>, so the linked BuildContext
/// compiles unchanged: the compiler's lock statement calls <see cref="EnterScope"/> on it.
/// </summary>
internal sealed class Lock
{
    private readonly object monitor = new();

    /// <summary>Enters the monitor; the scope leaves it when disposed.</summary>
    public Scope EnterScope()
    {
        Monitor.Enter(monitor);
        return new Scope(monitor);
    }

    /// <summary>A held lock, released by <see cref="Dispose"/>.</summary>
    public readonly ref struct Scope
    {
        private readonly object monitor;

        internal Scope(object monitor) => this.monitor = monitor;

        /// <summary>Leaves the monitor.</summary>
        public void Dispose() => Monitor.Exit(monitor);
    }
}
