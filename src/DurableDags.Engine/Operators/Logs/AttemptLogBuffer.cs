using System.Globalization;
using DurableDags.Core.Secrets;

namespace DurableDags.Engine.Operators.Logs;

/// <summary>
/// The log of one step, collected in memory with every known secret value masked, so the caller
/// persists it in one write after the step. <see cref="Redact"/> masks other text the same way,
/// such as a step's error. Given a clock, each line starts with the UTC time it was written
/// (<c>2026-11-22T10:15:03.120Z </c>): the log is persisted after the step, so the store's times
/// cannot tell when a line happened, and readers (the web UI, <c>dags logs</c>) show it.
/// </summary>
public sealed class AttemptLogBuffer : IAttemptLog
{
    private readonly SecretRedactor _redactor;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider? _time;

    public AttemptLogBuffer(IEnumerable<string> secretValues)
    {
        _redactor = new SecretRedactor(secretValues);
    }

    public AttemptLogBuffer(IEnumerable<string> secretValues, TimeProvider time)
        : this(secretValues)
    {
        _time = time;
    }

    public AttemptLogBuffer()
    {
        _redactor = SecretRedactor.None;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var redacted = _redactor.Redact(line);
        if (_time is not null)
        {
            redacted = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z' ", CultureInfo.InvariantCulture) + redacted;
        }

        lock (_gate)
        {
            _lines.Add(redacted);
        }
    }

    public string Redact(string text) => _redactor.Redact(text);

    public override string ToString() => string.Join('\n', Lines);
}
