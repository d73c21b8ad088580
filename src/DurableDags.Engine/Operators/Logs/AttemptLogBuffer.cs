using DurableDags.Core.Secrets;

namespace DurableDags.Engine.Operators.Logs;

/// <summary>
/// The log of one step, collected in memory with every known secret value masked, so the caller
/// persists it in one write after the step. <see cref="Redact"/> masks other text the same way,
/// such as a step's error.
/// </summary>
public sealed class AttemptLogBuffer : IAttemptLog
{
    private readonly SecretRedactor _redactor;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public AttemptLogBuffer(IEnumerable<string> secretValues)
    {
        _redactor = new SecretRedactor(secretValues);
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
        lock (_gate)
        {
            _lines.Add(redacted);
        }
    }

    public string Redact(string text) => _redactor.Redact(text);

    public override string ToString() => string.Join('\n', Lines);
}
