using DurableDags.Core.Operators;
using DurableDags.Core.Tests.Loading;

namespace DurableDags.Core.Tests.Operators;

public class OperatorCatalogTests
{
    private static readonly OperatorSpec Sql = new("acme.sql")
    {
        Description = "Runs a query on the warehouse.",
        Settings =
        [
            new("query", SettingType.String) { Required = true },
            new("connection", SettingType.String) { AllowsSecrets = true },
        ],
        Validate = context =>
        {
            if (context.With.TryGetProperty("query", out var query) && query.GetString()!.Contains("DROP", StringComparison.OrdinalIgnoreCase))
            {
                context.Error("/query", $"'with.query' of node '{context.Node.Id}' may not drop tables");
            }
        },
    };

    [Fact]
    public void The_built_in_catalog_has_the_operators_of_the_spec()
    {
        Assert.Equal<string>(["http", "http-job", "sensor", "wait", "approval", "dag", "notify", "noop"], OperatorCatalog.BuiltIn.Names);
    }

    [Fact]
    public void A_custom_operator_is_validated_by_its_settings_and_its_hook()
    {
        var catalog = OperatorCatalog.BuiltIn.With(Sql);
        Assert.Equal(
        [
            "test.yaml:3:39: 'with.query' of node 'a' may not drop tables",
            "test.yaml:4:30: 'with' of node 'b' (acme.sql) needs 'query'",
            "test.yaml:5:52: 'with.query' of node 'c' reads secrets.PW, but secrets may be used only in a request's url, headers, query or body, which are never written to logs, outputs or run records",
        ], Load.Errors("""
            id: x
            nodes:
              a: { type: acme.sql, with: { query: "DROP TABLE t" } }
              b: { type: acme.sql, with: { connection: "${{ secrets.WAREHOUSE }}" } }
              c: { type: acme.sql, with: { query: "${{ secrets.PW }}" } }
            """, catalog));
    }

    [Fact]
    public void The_hook_runs_only_when_the_generic_checks_passed()
    {
        var calls = 0;
        var catalog = OperatorCatalog.BuiltIn.With(Sql with { Validate = _ => calls++ });
        Load.Errors("id: x\nnodes:\n  a: { type: acme.sql, with: { query: 1, nope: 2 } }\n  b: { type: acme.sql, with: { query: ok } }\n", catalog);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void An_operator_that_checks_its_own_settings_lets_any_through()
    {
        var catalog = OperatorCatalog.BuiltIn.With(new OperatorSpec("acme.free") { AllowsOtherSettings = true });
        Load.Valid("id: x\nnodes:\n  a: { type: acme.free, with: { anything: [1, 2], at: all } }\n", catalog);
    }

    [Fact]
    public void Names_must_be_new_and_well_formed()
    {
        Assert.Throws<ArgumentException>(() => OperatorCatalog.BuiltIn.With(new OperatorSpec("http")));
        Assert.Throws<ArgumentException>(() => OperatorCatalog.BuiltIn.With(new OperatorSpec("Acme Sql")));
        Assert.Null(OperatorCatalog.BuiltIn.Find("acme.sql"));
        Assert.NotNull(OperatorCatalog.BuiltIn.With(Sql).Find("acme.sql"));
    }

    [Fact]
    public void Every_built_in_setting_is_described_for_docs_and_editors()
    {
        foreach (var spec in OperatorCatalog.BuiltIn.Specs)
        {
            Assert.False(string.IsNullOrWhiteSpace(spec.Description), spec.Name);
            foreach (var setting in spec.Settings.Concat(spec.Settings.SelectMany(s => s.Settings)))
            {
                Assert.False(string.IsNullOrWhiteSpace(setting.Description), $"{spec.Name}.{setting.Name}");
            }
        }
    }

    [Fact]
    public void Phase_names_are_the_ones_the_spec_gives()
    {
        Assert.Equal<string>(["submit", "poll"], OperatorCatalog.BuiltIn.Find("http-job")!.Roots);
        Assert.Equal<string>(["response"], OperatorCatalog.BuiltIn.Find("sensor")!.Roots);
        Assert.Empty(OperatorCatalog.BuiltIn.Find("http")!.Roots);
    }

    [Fact]
    public void A_path_inside_with_finds_its_settings()
    {
        var job = OperatorCatalog.BuiltIn.Find("http-job")!;
        Assert.Equal(["poll", "headers"], job.Path(["poll", "headers", "Authorization"]).Select(s => s.Name));
        Assert.Empty(job.Path(["nope"]));
    }

    [Fact]
    public void Every_built_in_setting_is_documented_under_its_operator()
    {
        var sections = File.ReadAllText(RepoFiles.Path("docs", "operators.md")).ReplaceLineEndings("\n").Split("\n## ")
            .ToDictionary(s => s[..s.IndexOf('\n', StringComparison.Ordinal)], s => s);
        foreach (var spec in OperatorCatalog.BuiltIn.Specs)
        {
            var section = sections[spec.Name];
            var request = sections["Request settings"];
            foreach (var setting in spec.Settings)
            {
                var listed = section.Contains($"| `{setting.Name}` |", StringComparison.Ordinal)
                    || (section.Contains("| request settings |", StringComparison.Ordinal) && request.Contains($"| `{setting.Name}` |", StringComparison.Ordinal));
                Assert.True(listed, $"{spec.Name}: {setting.Name}");
                foreach (var inner in setting.Settings)
                {
                    var documented = section.Contains($"| `{setting.Name}.{inner.Name}` |", StringComparison.Ordinal)
                        || request.Contains($"| `{inner.Name}` |", StringComparison.Ordinal);
                    Assert.True(documented, $"{spec.Name}: {setting.Name}.{inner.Name}");
                }
            }
        }
    }
}
