using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.Tests;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>
/// A bounded fuzzer, with a fixed seed so a failure repeats: random mutations of the example DAGs
/// and of trigger bodies, each sent to the real API, must be answered 2xx or 4xx, never 5xx.
/// </summary>
public sealed partial class UploadFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261204;
    private const int Uploads = 2_000;
    private const int Triggers = 300;

    /// <summary>What mutations insert: the characters YAML and JSON give meaning to, and a few that ids must not hold.</summary>
    private static readonly string[] Fragments =
    [
        "[", "]", "{", "}", ":", ",", "-", "&a", "*a", "!!int ", "!!str ", "|", ">", "'", "\"", "#", "\n", "  ", "\t", "%", "@", "`",
        "?", "<<: *a", "\0", "\\u0000", "${{", "}}", "${{ nodes.", "99999999999999999999999", "-1", ".inf", "null", "~", "---\n", "\uFEFF", "é",
    ];

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.OnFolderAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Mutated_example_dags_are_answered_2xx_or_4xx_never_5xx()
    {
        var random = new Random(Seed);
        var examples = Directory.GetFiles(RepoFiles.Path("examples", "dags"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => TopLevelId().Replace(File.ReadAllText(f), "id: fuzz", 1)).ToArray();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Uploads; i++)
        {
            var text = Mutate(examples[random.Next(examples.Length)], random);
            var type = random.Next(4) == 0 ? "application/json" : "application/yaml";
            using var response = await _server.SendAsync(HttpMethod.Put, "/api/dags/fuzz", new StringContent(text, Encoding.UTF8, type));
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"mutation {i} got {status}: {await response.Content.ReadAsStringAsync()}\n--- sent ---\n{text}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        // The mutations reach both outcomes: some files stay valid, most are refused.
        Assert.Contains(statuses.Keys, s => s is 200 or 201);
        Assert.True(statuses.GetValueOrDefault(400) > Uploads / 4, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
    }

    [Fact]
    public async Task Mutated_trigger_bodies_are_answered_2xx_or_4xx_never_5xx()
    {
        (await _server.PutDagAsync("typed", """
            id: typed
            params:
              count: { type: integer, default: 1 }
              name: { type: string, enum: [a, b], default: a }
              tags: { type: array, default: [] }
              extra: { type: object, default: {} }
            nodes:
              only: { type: noop }
            """)).Dispose();
        const string Body = """{ "params": { "count": 2, "name": "b", "tags": ["x"], "extra": { "k": [1, {"z": null}] } }, "runId": "r-1", "logicalDate": "2026-01-01T00:00:00Z" }""";
        var random = new Random(Seed);
        for (var i = 0; i < Triggers; i++)
        {
            var body = Mutate(Body, random);
            using var response = await _server.SendAsync(HttpMethod.Post, "/api/dags/typed/runs", ApiServer.Json(body));
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"mutation {i} got {status}: {await response.Content.ReadAsStringAsync()}\n--- sent ---\n{body}");
        }
    }

    /// <summary>One to four edits: insert a fragment, delete a span, repeat a span, or swap two lines.</summary>
    private static string Mutate(string text, Random random)
    {
        var result = new StringBuilder(text);
        for (var edits = random.Next(1, 5); edits > 0 && result.Length > 0; edits--)
        {
            var at = random.Next(result.Length);
            switch (random.Next(4))
            {
                case 0:
                    result.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    result.Remove(at, Math.Min(random.Next(1, 40), result.Length - at));
                    break;
                case 2:
                    var span = result.ToString(at, Math.Min(random.Next(1, 80), result.Length - at));
                    result.Insert(at, string.Concat(Enumerable.Repeat(span, random.Next(2, 6))));
                    break;
                default:
                    var lines = result.ToString().Split('\n');
                    var (a, b) = (random.Next(lines.Length), random.Next(lines.Length));
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    result.Clear().AppendJoin('\n', lines);
                    break;
            }
        }

        return result.ToString();
    }

    [GeneratedRegex("^id: .*$", RegexOptions.Multiline)]
    private static partial Regex TopLevelId();
}
