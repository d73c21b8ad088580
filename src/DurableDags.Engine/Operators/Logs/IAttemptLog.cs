namespace DurableDags.Engine.Operators.Logs;

/// <summary>
/// The log of one node attempt, as users read it in the UI and the CLI. The caller persists it.
/// Operators write plain sentences and never write header values or secret-bearing URLs; an
/// implementation still redacts every known secret value, because a server may echo one back.
/// </summary>
public interface IAttemptLog
{
    void WriteLine(string line);
}
