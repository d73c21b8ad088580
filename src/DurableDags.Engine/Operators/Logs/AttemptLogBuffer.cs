using System.Collections.Immutable;

namespace DurableDags.Engine.Operators.Logs;

/// <summary>
/// Collects the lines of one step in memory, with every known secret value replaced by
/// <c>***</c>, so the caller can persist them in one write after the step.
/// </summary>
public sealed class AttemptLogBuffer : IAttemptLog
{
    private const string Mask = "***";
    private readonly ImmutableArray<string> _secrets;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    /// <param name="secretValues">Values to hide; empty ones are ignored, longest first so that a
    /// secret containing another is hidden whole.</param>
    public AttemptLogBuffer(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);
        _secrets = [.. secretValues.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    public AttemptLogBuffer()
        : this([])
    {
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
        var redacted = Redact(line);
        lock (_gate)
        {
            _lines.Add(redacted);
        }
    }

    /// <summary>The text with every known secret value masked; also used for error messages.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public override string ToString() => string.Join('\n', Lines);
}
