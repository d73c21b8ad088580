using DurableDags.Cli.Files;

namespace DurableDags.Cli.Tests.Files;

public class DagPathsTests
{
    [Fact]
    public void A_linked_folder_is_not_followed_so_a_link_back_up_cannot_loop()
    {
        using var folder = new TempFolder();
        var dag = folder.Write("dags/a.yaml", SampleDags.Diamond());
        Directory.CreateSymbolicLink(folder.At("dags/loop"), folder.At("dags"));

        var (files, error) = DagPaths.Expand([folder.At("dags")]);

        Assert.Null(error);
        Assert.Equal([dag], files);
    }

    [Fact]
    public void A_file_named_directly_is_taken_whatever_its_extension()
    {
        using var folder = new TempFolder();
        var dag = folder.Write("pipeline.dag", SampleDags.Diamond());

        var (files, error) = DagPaths.Expand([dag]);

        Assert.Null(error);
        Assert.Equal([dag], files);
    }

    [Fact]
    public void Extensions_match_whatever_their_case()
    {
        using var folder = new TempFolder();
        var upper = folder.Write("A.YAML", SampleDags.Diamond());
        var json = folder.Write("b.Json", SampleDags.Json("b"));

        var (files, _) = DagPaths.Expand([folder.Path]);

        Assert.Equal([upper, json], files);
    }
}
