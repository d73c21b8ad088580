using DurableDags.Api.Files;

namespace DurableDags.Api.Tests.Files;

public sealed class DagPathsTests : IDisposable
{
    private const string Dag = "id: a\nnodes:\n  one: { type: noop }\n";

    private readonly string _root = Directory.CreateTempSubdirectory("dags-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_linked_folder_is_not_followed_so_a_link_back_up_cannot_loop()
    {
        var dag = Write("dags/a.yaml");
        Directory.CreateSymbolicLink(At("dags/loop"), At("dags"));

        var (files, error) = DagPaths.Expand([At("dags")]);

        Assert.Null(error);
        Assert.Equal([dag], files);
    }

    [Fact]
    public void Dag_test_files_next_to_the_DAGs_are_not_DAG_files()
    {
        var dag = Write("dags/nightly.yaml");
        Write("dags/nightly.test.yaml");
        Write("dags/other.test.json");

        var (files, error) = DagPaths.Expand([At("dags")]);

        Assert.Null(error);
        Assert.Equal([dag], files);
    }

    [Fact]
    public void A_file_named_directly_is_taken_whatever_its_extension()
    {
        var dag = Write("pipeline.dag");

        var (files, error) = DagPaths.Expand([dag]);

        Assert.Null(error);
        Assert.Equal([dag], files);
    }

    [Fact]
    public void Extensions_match_whatever_their_case_and_hidden_files_and_folders_are_left_out()
    {
        var upper = Write("A.YAML");
        var json = Write("b.Json");
        Write(".hidden.yaml");
        Write(".git/c.yaml");
        Write("notes.txt");

        Assert.Equal([upper, json], DagPaths.Under(_root));
    }

    private string At(string relativePath) => Path.Join(_root, relativePath);

    private string Write(string relativePath)
    {
        var path = At(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Dag);
        return path;
    }
}
