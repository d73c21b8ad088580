namespace DurableDags.Cli.Testing;

/// <summary>One test's verdict: no failures means it passed.</summary>
internal sealed record DagTestResult(string Name, IReadOnlyList<string> Failures, TimeSpan Elapsed, TimeSpan VirtualDuration)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>One test file's verdicts, or the errors that kept it from running (<see cref="Errors"/>).</summary>
internal sealed record DagTestFileResult(string File, IReadOnlyList<DagTestResult> Tests, IReadOnlyList<string> Errors, TimeSpan Elapsed)
{
    public bool Passed => Errors.Count == 0 && Tests.All(t => t.Passed);
}
