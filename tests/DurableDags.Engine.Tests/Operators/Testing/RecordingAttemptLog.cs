using System.Collections.Concurrent;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Logs;

namespace DurableDags.Engine.Tests.Operators.Testing;

/// <summary>
/// Keeps the lines an operator wrote, unredacted, so a test sees exactly what the operator
/// itself let into its log.
/// </summary>
public sealed class RecordingAttemptLog : IAttemptLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void WriteLine(string line) => _lines.Enqueue(line);

    public override string ToString() => string.Join('\n', _lines);
}
