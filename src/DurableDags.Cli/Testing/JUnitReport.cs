using System.Globalization;
using System.Xml.Linq;

namespace DurableDags.Cli.Testing;

/// <summary>
/// JUnit XML, the report format CI systems read (GitHub Actions reporters, Azure Pipelines'
/// PublishTestResults, GitLab, Jenkins): one testsuite per test file, one testcase per test;
/// a failed expectation is a failure, a file that cannot run is one errored testcase.
/// </summary>
internal static class JUnitReport
{
    public static XDocument Build(IReadOnlyList<DagTestFileResult> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var suites = files.Select(Suite).ToList();
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "dags test"),
                new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
                new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
                new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
                new XAttribute("time", Seconds(TimeSpan.FromTicks(files.Sum(f => f.Elapsed.Ticks)))),
                suites));
    }

    private static XElement Suite(DagTestFileResult file)
    {
        var name = Path.GetFileName(file.File);
        var className = name[..name.IndexOf('.', StringComparison.Ordinal)];
        var cases = file.Tests.Select(t => new XElement("testcase",
            new XAttribute("name", t.Name),
            new XAttribute("classname", className),
            new XAttribute("file", file.File),
            new XAttribute("time", Seconds(t.Elapsed)),
            t.Passed ? null : new XElement("failure", new XAttribute("message", t.Failures[0]), new XAttribute("type", "expectation"), string.Join('\n', t.Failures)))).ToList();
        if (file.Errors.Count > 0)
        {
            cases.Add(new XElement("testcase",
                new XAttribute("name", "load"),
                new XAttribute("classname", className),
                new XAttribute("file", file.File),
                new XAttribute("time", Seconds(file.Elapsed)),
                new XElement("error", new XAttribute("message", file.Errors[0]), new XAttribute("type", "invalid"), string.Join('\n', file.Errors))));
        }

        return new XElement("testsuite",
            new XAttribute("name", file.File),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", file.Tests.Count(t => !t.Passed)),
            new XAttribute("errors", file.Errors.Count > 0 ? 1 : 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(file.Elapsed)),
            cases);
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
}
