using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Core.Tests.Loading;

/// <summary>
/// Invalid DAG files under Fixtures/invalid, each beside a <c>.errors</c> file holding the exact
/// messages the loader must print for it, one per line, in order.
/// </summary>
public class FixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", "invalid");

    private static string[] Names() =>
        [.. Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".errors", StringComparison.Ordinal)).Select(f => Path.GetFileName(f)).Order()];

    public static TheoryData<string> Files() => [.. Names()];

    [Theory]
    [MemberData(nameof(Files))]
    public void An_invalid_file_gives_exactly_its_expected_messages(string file)
    {
        var expected = File.ReadAllLines(Path.Combine(Folder, Path.ChangeExtension(file, ".errors")));
        var result = DagLoader.Load(file, File.ReadAllText(Path.Combine(Folder, file)), OperatorCatalog.BuiltIn);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Every_fixture_has_its_expected_messages()
    {
        Assert.All(Names(), file => Assert.True(File.Exists(Path.Combine(Folder, Path.ChangeExtension(file, ".errors"))), file));
        Assert.True(Names().Length >= 9);
    }
}
