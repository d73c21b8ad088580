using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Tests.Loading;

public class SourceMapTests
{
    private static SourceMap Map(string text)
    {
        var bag = new DiagnosticBag();
        var root = SourceTreeReader.Read("t.yaml", text, bag);
        Assert.False(bag.HasErrors);
        return SourceMap.Of("t.yaml", text, root!);
    }

    private static (int Line, int Column) At(SourceLocation location) => (location.Line, location.Column);

    // Each case asks for the 'x' inside "${{ x }}".
    [Theory]
    [InlineData("u: ab${{ x }}", "/u", 6, 10)]
    [InlineData("u: 'ab${{ x }}'", "/u", 6, 11)]
    [InlineData("u: 'a''b${{ x }}'", "/u", 7, 13)]
    [InlineData("u: \"ab${{ x }}\"", "/u", 6, 11)]
    [InlineData("u: \"a\\tb${{ x }}\"", "/u", 7, 13)]
    [InlineData("u: \"\\u00e9b${{ x }}\"", "/u", 6, 16)]
    [InlineData("u: &anchor 'ab${{ x }}'", "/u", 6, 19)]
    [InlineData("u: !!str ab${{ x }}", "/u", 6, 16)]
    [InlineData("u: {k: 'ab${{ x }}'}", "/u/k", 6, 15)]
    public void A_character_of_a_one_line_string_maps_to_its_column_past_quotes_and_escapes(string text, string pointer, int offset, int column)
    {
        Assert.Equal((1, column), At(Map(text).LocateInString(pointer, offset)));
    }

    [Fact]
    public void A_string_over_several_lines_maps_to_where_it_starts()
    {
        var map = Map("u: |\n  ab\n  ${{ x }}\n");
        Assert.Equal((1, 4), At(map.LocateInString("/u", 6)));
    }

    [Fact]
    public void Pointers_find_keys_values_and_list_items()
    {
        var map = Map("nodes:\n  a/b:\n    needs: [x, y, x]\n");
        var pointer = SourceMap.Pointer("nodes", "a/b", "needs");
        Assert.Equal("/nodes/a~1b/needs", pointer);
        Assert.Equal((2, 3), At(map.LocateKey(SourceMap.Pointer("nodes", "a/b"))));
        Assert.Equal((3, 12), At(map.Locate(pointer)));
        Assert.Equal((3, 16), At(map.LocateItem(pointer, "y")));
        Assert.Equal((3, 19), At(map.LocateItem(pointer, "x", occurrence: 1)));
        Assert.Equal((3, 13), At(map.Locate(pointer + "/0")));
    }

    [Fact]
    public void A_pointer_to_something_absent_finds_its_nearest_written_parent()
    {
        var map = Map("nodes:\n  a:\n    type: http\n");
        Assert.Equal((3, 5), At(map.Locate("/nodes/a/with/url")));
    }

    [Fact]
    public void An_empty_map_names_only_the_file()
    {
        var location = SourceMap.Empty("code").Locate("/nodes/a");
        Assert.False(location.IsKnown);
        Assert.Equal("code", location.ToString());
    }
}
