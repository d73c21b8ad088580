using System.Text.Json;

namespace DurableDags.Cli.Tests.Commands;

public class PlanCommandTests
{
    [Fact]
    public async Task The_plan_shows_counts_the_parallel_waves_and_the_longest_path()
    {
        using var folder = new TempFolder();
        var file = folder.Write("diamond.yaml", SampleDags.Diamond());

        var result = await Dags.RunAsync("plan", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                $"diamond ({file})",
                "4 nodes, 4 edges, 3 waves, widest wave 2, 1 mapped (foreach)",
                "wave 1: a",
                "wave 2: b, c",
                "wave 3: d",
                "longest path, 3 nodes: a -> b -> d",
            ],
            result.OutputLines);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task With_json_the_plan_is_one_object_of_the_documented_shape()
    {
        using var folder = new TempFolder();
        var file = folder.Write("diamond.yaml", SampleDags.Diamond());

        var result = await Dags.RunAsync("plan", file, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(file, root.GetProperty("file").GetString());
        Assert.Equal("diamond", root.GetProperty("dagId").GetString());
        var counts = root.GetProperty("counts");
        Assert.Equal((4, 4, 3, 2, 1), (
            counts.GetProperty("nodes").GetInt32(),
            counts.GetProperty("edges").GetInt32(),
            counts.GetProperty("waves").GetInt32(),
            counts.GetProperty("widestWave").GetInt32(),
            counts.GetProperty("mappedNodes").GetInt32()));
        Assert.Equal([["a"], ["b", "c"], ["d"]], Strings(root.GetProperty("waves")).Select(w => w.ToArray()));
        Assert.Equal(3, root.GetProperty("longestPath").GetProperty("length").GetInt32());
        Assert.Equal(["a", "b", "d"], root.GetProperty("longestPath").GetProperty("nodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["a", "b", "c", "d"], root.GetProperty("order").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_invalid_file_prints_its_errors_and_exits_1()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.yaml", SampleDags.TwoErrors);

        var result = await Dags.RunAsync("plan", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                $"{file}:4:14: node 'b' has unknown type 'htp'; did you mean 'http'?",
                $"{file}:4:27: node 'b' needs 'carrier', which does not exist; did you mean 'carriers'?",
            ],
            result.ErrorLines);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task With_json_an_invalid_file_gives_its_errors_as_json_with_line_and_column()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.yaml", SampleDags.TwoErrors);

        var result = await Dags.RunAsync("plan", "--json", file);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Equal(file, errors[1].GetProperty("file").GetString());
        Assert.Equal((4, 27), (errors[1].GetProperty("line").GetInt32(), errors[1].GetProperty("column").GetInt32()));
        Assert.Equal("node 'b' needs 'carrier', which does not exist; did you mean 'carriers'?", errors[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_file_that_does_not_exist_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var missing = folder.At("missing.yaml");

        var result = await Dags.RunAsync("plan", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dags plan: '{missing}' does not exist"], result.ErrorLines);
    }

    [Fact]
    public async Task A_folder_is_a_usage_error_because_plan_takes_one_file()
    {
        using var folder = new TempFolder();

        var result = await Dags.RunAsync("plan", folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dags plan: '{folder.Path}' is a folder; plan takes one DAG file"], result.ErrorLines);
    }

    [Fact]
    public async Task No_file_or_two_files_are_usage_errors()
    {
        Assert.Equal(2, (await Dags.RunAsync("plan")).ExitCode);
        Assert.Equal(2, (await Dags.RunAsync("plan", "a.yaml", "b.yaml")).ExitCode);
    }

    private static IEnumerable<IEnumerable<string?>> Strings(JsonElement lists) =>
        lists.EnumerateArray().Select(list => list.EnumerateArray().Select(e => e.GetString()));
}
