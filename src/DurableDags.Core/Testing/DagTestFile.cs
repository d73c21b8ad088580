using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Testing;

/// <summary>
/// A DAG test file (<c>foo.test.yaml</c> next to <c>foo.yaml</c>): the DAG it tests and its test
/// cases, each a run with canned HTTP responses and expectations. See docs/testing.md.
/// </summary>
public sealed record DagTestFile
{
    /// <summary>The file name test files end with, before their extension: <c>nightly.test.yaml</c>.</summary>
    public const string Suffix = ".test";

    public required string File { get; init; }

    /// <summary>The DAG file, relative to this file's folder, as written or derived from its name.</summary>
    public required string Dag { get; init; }

    public ImmutableArray<DagTestCase> Tests { get; init; } = [];

    /// <summary>True for a test file name (<c>x.test.yaml</c>, <c>.yml</c> or <c>.json</c>): never a DAG file.</summary>
    public static bool IsTestFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetFileNameWithoutExtension(path).EndsWith(Suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The DAG a test file tests when it names none: its own name without <c>.test</c>.</summary>
    public static string DefaultDagOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileNameWithoutExtension(path);
        return name[..^Suffix.Length] + Path.GetExtension(path);
    }
}

/// <summary>One test: a run of the DAG with these params, answered by these routes, then checked.</summary>
public sealed record DagTestCase
{
    public required string Name { get; init; }

    public SourceLocation Location { get; init; }

    public string? Description { get; init; }

    /// <summary>Run parameters, bound against the DAG as a trigger's are.</summary>
    public JsonElement? Params { get; init; }

    /// <summary>Secrets the DAG's expressions read as <c>secrets.NAME</c>; the file's shared ones included.</summary>
    public ImmutableDictionary<string, string> Secrets { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Host variables the DAG's expressions read as <c>vars.NAME</c>; the file's shared ones included.</summary>
    public ImmutableDictionary<string, string> Vars { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The test's own routes first, then the file's shared ones: the first that matches answers.</summary>
    public ImmutableArray<CannedRoute> Responses { get; init; } = [];

    /// <summary>Event payloads by node: when the node waits for its event (an approval), the test sends this one.</summary>
    public ImmutableArray<CannedEvent> Events { get; init; } = [];

    /// <summary>Blobs that exist for blob sensors, as <c>container/name</c>.</summary>
    public ImmutableArray<string> Blobs { get; init; } = [];

    public DagTestExpectation Expect { get; init; } = new();
}

/// <summary>The payload sent to a waiting node's event; null approves an approval.</summary>
public sealed record CannedEvent(string Node, JsonElement? Payload, SourceLocation Location);
