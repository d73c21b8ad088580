using DurableDags.Api.Hosting;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Registry;

namespace DurableDags.Api.Tests.Hosting;

public sealed class DagFolderLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dd-load-{Guid.NewGuid():N}");

    public DagFolderLoaderTests() => Directory.CreateDirectory(Path.Combine(_root, "dags", "team"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Valid_files_load_invalid_ones_are_reported_at_file_line_and_column_hidden_folders_are_left_out_and_a_changed_file_is_a_new_version()
    {
        var dags = Path.Combine(_root, "dags");
        await File.WriteAllTextAsync(Path.Combine(dags, "a.yaml"), "id: a\nnodes:\n  one: { type: noop }\n");
        await File.WriteAllTextAsync(Path.Combine(dags, "team", "b.yml"), "id: b\nnodes:\n  one: { type: noop }\n");
        await File.WriteAllTextAsync(Path.Combine(dags, "broken.yaml"), "id: broken\nnodes:\n  one:\n    type: teleport\n");
        await File.WriteAllTextAsync(Path.Combine(dags, "twin.json"), """{ "id": "a", "nodes": { "x": { "type": "noop" } } }""");
        await File.WriteAllTextAsync(Path.Combine(dags, "notes.txt"), "not a DAG");
        Directory.CreateDirectory(Path.Combine(dags, ".git"));
        await File.WriteAllTextAsync(Path.Combine(dags, ".git", "c.yaml"), "id: c\nnodes:\n  one: { type: noop }\n");
        var store = new CheckpointStore(new FolderObjectStore(Path.Combine(_root, "store")));

        var first = await DagFolderLoader.LoadAsync(dags, store, OperatorCatalog.BuiltIn, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(dags, "a.yaml"), "id: a\nnodes:\n  one: { type: noop }\n  two: { type: noop }\n");
        var second = await DagFolderLoader.LoadAsync(dags, store, OperatorCatalog.BuiltIn, CancellationToken.None);

        Assert.Equal(["a", "b"], first.Loaded.Select(e => e.DagId));
        Assert.All(first.Loaded, e => Assert.Equal(DagPutOutcome.Created, e.Outcome));
        Assert.Equal(2, first.Errors.Length);
        Assert.Equal($"{Path.Combine(dags, "broken.yaml")}:4:11", first.Errors[0].Location.ToString());
        Assert.Equal(
            $"{Path.Combine(dags, "twin.json")}:1:9: DAG id 'a' is already used by {Path.Combine(dags, "a.yaml")}:1:5; DAG ids must be unique",
            first.Errors[1].ToString());
        Assert.Equal([(2, DagPutOutcome.Created), (1, DagPutOutcome.Unchanged)], second.Loaded.Select(e => (e.Version, e.Outcome)));
    }

    [Fact]
    public async Task A_missing_folder_is_reported_and_loads_nothing()
    {
        var store = new CheckpointStore(new FolderObjectStore(Path.Combine(_root, "store")));

        var report = await DagFolderLoader.LoadAsync(Path.Combine(_root, "nope"), store, OperatorCatalog.BuiltIn, CancellationToken.None);

        Assert.Empty(report.Loaded);
        Assert.Contains("does not exist", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_folder_loads_nothing_without_failing()
    {
        var store = new CheckpointStore(new FolderObjectStore(Path.Combine(_root, "store")));

        var report = await DagFolderLoader.LoadAsync(Path.Combine(_root, "dags", "team"), store, OperatorCatalog.BuiltIn, CancellationToken.None);

        Assert.Empty(report.Loaded);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_file_the_yaml_parser_trips_on_is_reported_and_skipped_while_the_others_load()
    {
        var dags = Path.Combine(_root, "dags");
        await File.WriteAllTextAsync(Path.Combine(dags, "a.yaml"), "id: a\nnodes:\n  one: { type: noop }\n");
        await File.WriteAllTextAsync(Path.Combine(dags, "crash.yaml"), "a:\n  b: 1\n:");
        var store = new CheckpointStore(new FolderObjectStore(Path.Combine(_root, "store")));

        var report = await DagFolderLoader.LoadAsync(dags, store, OperatorCatalog.BuiltIn, CancellationToken.None);

        Assert.Equal(["a"], report.Loaded.Select(e => e.DagId));
        var error = Assert.Single(report.Errors);
        Assert.StartsWith(Path.Combine(dags, "crash.yaml") + ":", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }
}
