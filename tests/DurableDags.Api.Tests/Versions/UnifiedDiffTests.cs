using DurableDags.Api.Versions;

namespace DurableDags.Api.Tests.Versions;

public class UnifiedDiffTests
{
    [Fact]
    public void A_changed_line_is_a_hunk_with_three_lines_of_context_as_diff_u_writes_it()
    {
        var before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        var after = "a\nb\nc\nd\nE\nf\ng\nh\n";

        Assert.Equal("--- v1\n+++ v2\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", UnifiedDiff.Of(before, after, "v1", "v2").ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Changes_far_apart_are_separate_hunks_and_added_lines_at_the_end_count_from_the_line_before()
    {
        var before = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"l{i}"));
        var after = before.Replace("l1\n", "l1\nnew\n", StringComparison.Ordinal) + "\nlast";

        var diff = UnifiedDiff.Of(before, after, "a", "b").ReplaceLineEndings("\n");

        Assert.Equal(
            "--- a\n+++ b\n@@ -1,4 +1,5 @@\n l1\n+new\n l2\n l3\n l4\n@@ -10,3 +11,4 @@\n l10\n l11\n l12\n+last\n",
            diff);
    }

    [Fact]
    public void The_same_lines_give_no_diff_and_an_empty_side_starts_at_zero()
    {
        Assert.Equal("", UnifiedDiff.Of("x\r\ny\n", "x\ny", "a", "b"));
        Assert.Equal("--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n", UnifiedDiff.Of("", "x", "a", "b").ReplaceLineEndings("\n"));
    }
}
