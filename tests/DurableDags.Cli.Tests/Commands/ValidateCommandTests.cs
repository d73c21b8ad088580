namespace DurableDags.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public async Task A_valid_file_exits_0_with_a_summary_and_no_errors()
    {
        using var folder = new TempFolder();
        var file = folder.Write("diamond.yaml", SampleDags.Diamond());

        var result = await Dags.RunAsync("validate", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["1 file, 1 valid, 0 invalid, 0 errors"], result.OutputLines);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Every_error_of_an_invalid_file_goes_to_stderr_as_file_line_column_message_and_exits_1()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.yaml", SampleDags.TwoErrors);

        var result = await Dags.RunAsync("validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(SampleDags.TwoErrorsAsPrinted(file), result.ErrorLines);
        Assert.Equal(["1 file, 0 valid, 1 invalid, 2 errors"], result.OutputLines);
    }

    [Fact]
    public async Task A_file_the_yaml_parser_trips_on_is_an_error_at_its_line_not_a_crash()
    {
        using var folder = new TempFolder();
        var file = folder.Write("crash.yaml", "a:\n  b: 1\n:");

        var result = await Dags.RunAsync("validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(file + ":", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("invalid YAML", result.Error, StringComparison.Ordinal);
        Assert.Equal(["1 file, 0 valid, 1 invalid, 1 error"], result.OutputLines);
    }

    [Fact]
    public async Task A_folder_is_searched_recursively_for_yaml_yml_and_json_files_in_path_order()
    {
        using var folder = new TempFolder();
        folder.Write("b.yml", SampleDags.Diamond("b"));
        folder.Write("team/c.json", SampleDags.Json("c"));
        folder.Write("a.yaml", SampleDags.TwoErrors);
        folder.Write("notes.txt", "not a DAG");
        folder.Write(".git/config.yaml", "not: [a DAG");
        folder.Write(".hidden.yaml", "not: [a DAG");

        var result = await Dags.RunAsync("validate", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["3 files, 2 valid, 1 invalid, 2 errors"], result.OutputLines);
        Assert.All(result.ErrorLines, line => Assert.StartsWith(folder.At("a.yaml") + ":4:", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_and_folders_mix_and_a_file_named_twice_counts_once()
    {
        using var folder = new TempFolder();
        var one = folder.Write("one/x.yaml", SampleDags.Diamond("x"));
        var two = folder.Write("two/y.yaml", SampleDags.Diamond("y"));

        var result = await Dags.RunAsync("validate", one, Path.GetDirectoryName(two)!, one);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["2 files, 2 valid, 0 invalid, 0 errors"], result.OutputLines);
    }

    [Fact]
    public async Task A_DAG_id_used_by_two_files_is_an_error_on_the_second_naming_the_first()
    {
        using var folder = new TempFolder();
        folder.Write("a.yaml", SampleDags.Diamond("shared"));
        folder.Write("b/copy.json", SampleDags.Json("shared"));
        folder.Write("c.yaml", "# a comment first\ndescription: id is not the first key\nid: shared\nnodes:\n  n: { type: noop }\n");

        var result = await Dags.RunAsync("validate", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                $"{folder.At("b/copy.json")}:1:9: DAG id 'shared' is already used by {folder.At("a.yaml")}:1:5; DAG ids must be unique",
                $"{folder.At("c.yaml")}:3:5: DAG id 'shared' is already used by {folder.At("a.yaml")}:1:5; DAG ids must be unique",
            ],
            result.ErrorLines);
        Assert.Equal(["3 files, 1 valid, 2 invalid, 2 errors"], result.OutputLines);
    }

    [Fact]
    public async Task A_file_that_is_not_YAML_is_one_error_and_the_other_files_are_still_checked()
    {
        using var folder = new TempFolder();
        folder.Write("bad.yaml", "id: [unclosed\n");
        folder.Write("good.yaml", SampleDags.Diamond());

        var result = await Dags.RunAsync("validate", folder.Path);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith(folder.At("bad.yaml") + ":", error, StringComparison.Ordinal);
        Assert.Equal(["2 files, 1 valid, 1 invalid, 1 error"], result.OutputLines);
    }

    [Fact]
    public async Task No_path_is_a_usage_error()
    {
        var result = await Dags.RunAsync("validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Required argument missing for command: 'validate'", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_a_usage_error_naming_it()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.yaml", SampleDags.Diamond());
        var missing = folder.At("missing.yaml");

        var result = await Dags.RunAsync("validate", good, missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dags validate: '{missing}' does not exist"], result.ErrorLines);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_folder_without_DAG_files_is_a_usage_error_so_a_wrong_path_in_CI_does_not_pass()
    {
        using var folder = new TempFolder();
        folder.Write("readme.md", "# no DAGs here");

        var result = await Dags.RunAsync("validate", folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dags validate: no DAG files (*.yaml, *.yml, *.json) under '{folder.Path}'"], result.ErrorLines);
    }
}
