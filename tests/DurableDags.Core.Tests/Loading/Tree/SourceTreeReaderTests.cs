using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Tests.Loading.Tree;

public class SourceTreeReaderTests
{
    private static (SourceNode? Root, string[] Errors) Read(string text)
    {
        var bag = new DiagnosticBag();
        var root = SourceTreeReader.Read("t.yaml", text, bag);
        return (root, [.. bag.ToImmutable().Select(d => d.ToString())]);
    }

    private static SourceMapping Mapping(string text)
    {
        var (root, errors) = Read(text);
        Assert.Empty(errors);
        return Assert.IsType<SourceMapping>(root);
    }

    [Fact]
    public void Every_value_keeps_its_line_and_column()
    {
        var root = Mapping("id: a\nnodes:\n  fetch:\n    type: http\n");
        var fetch = Assert.IsType<SourceMapping>(Assert.IsType<SourceMapping>(root.Find("nodes")!.Value.Value).Find("fetch")!.Value.Value);
        var type = fetch.Find("type")!.Value;
        Assert.Equal((4, 5), (type.Key.Location.Line, type.Key.Location.Column));
        Assert.Equal((4, 11), (type.Value.Location.Line, type.Value.Location.Column));
    }

    [Fact]
    public void A_repeated_key_is_an_error_at_the_repeat_and_the_first_value_stays()
    {
        var (root, errors) = Read("retries: 1\ntimeout: 5m\nretries: 2\n");
        Assert.Equal(["t.yaml:3:1: duplicate key 'retries'; it is already set at line 1, column 1"], errors);
        var retries = Assert.IsType<SourceScalar>(Assert.IsType<SourceMapping>(root).Find("retries")!.Value.Value);
        Assert.Equal("1", retries.Value);
    }

    [Fact]
    public void Repeated_keys_are_found_in_big_mappings_too()
    {
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => $"k{i}: {i}\n")) + "k7: again\n";
        Assert.Equal(["t.yaml:41:1: duplicate key 'k7'; it is already set at line 8, column 1"], Read(text).Errors);
    }

    [Fact]
    public void Plain_scalars_follow_the_yaml_1_2_core_schema()
    {
        var root = Mapping("a: yes\nb: true\nc: 12\nd: 1.5\ne: ~\nf: 0x1F\ng: '12'\nh: 2026-01-01\ni: .inf\nj: -3\n");
        ScalarKind Kind(string key) => Assert.IsType<SourceScalar>(root.Find(key)!.Value.Value).Kind;
        Assert.Equal(ScalarKind.String, Kind("a"));
        Assert.Equal(ScalarKind.Boolean, Kind("b"));
        Assert.Equal(ScalarKind.Integer, Kind("c"));
        Assert.Equal(ScalarKind.Float, Kind("d"));
        Assert.Equal(ScalarKind.Null, Kind("e"));
        Assert.Equal(ScalarKind.Integer, Kind("f"));
        Assert.Equal(ScalarKind.String, Kind("g"));
        Assert.Equal(ScalarKind.String, Kind("h"));
        Assert.Equal(ScalarKind.Float, Kind("i"));
        Assert.Equal(ScalarKind.Integer, Kind("j"));
    }

    [Fact]
    public void Core_tags_set_the_kind_and_other_tags_are_errors()
    {
        var (root, errors) = Read("a: !!str 12\nb: !custom x\nc: !!int abc\nd: !!set { x }\n");
        Assert.Equal(
        [
            "t.yaml:2:4: unsupported YAML tag '!custom'; write a plain value instead",
            "t.yaml:3:4: 'abc' is not a valid integer for the tag '!!int'",
            "t.yaml:4:4: unsupported YAML tag '!!set'; write a plain value instead",
        ], errors);
        Assert.Equal(ScalarKind.String, Assert.IsType<SourceScalar>(Assert.IsType<SourceMapping>(root).Find("a")!.Value.Value).Kind);
    }

    [Fact]
    public void Aliases_copy_the_anchored_value_and_carry_the_place_of_the_alias()
    {
        var root = Mapping("base: &h { Accept: json }\nother: *h\n");
        var copy = Assert.IsType<SourceMapping>(root.Find("other")!.Value.Value);
        Assert.Equal("json", Assert.IsType<SourceScalar>(copy.Find("Accept")!.Value.Value).Value);
        Assert.Equal((2, 8), (copy.Location.Line, copy.Location.Column));
        Assert.Equal((2, 8), (copy.Find("Accept")!.Value.Value.Location.Line, copy.Find("Accept")!.Value.Value.Location.Column));
    }

    [Fact]
    public void An_alias_without_its_anchor_is_an_error()
    {
        Assert.Equal(["t.yaml:1:4: alias '*nope' refers to no anchor '&nope' defined before it"], Read("a: *nope\n").Errors);
    }

    [Fact]
    public void Merge_keys_are_errors_that_say_what_to_write_instead()
    {
        var (_, errors) = Read("base: &b { retries: 1 }\nnode:\n  <<: *b\n  type: noop\n");
        Assert.Equal(["t.yaml:3:3: merge keys ('<<') are not supported; write the keys out, or put settings shared by all nodes in 'defaults'"], errors);
    }

    [Fact]
    public void Aliases_that_expand_beyond_the_bound_are_an_error_not_an_out_of_memory()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        }

        var (_, errors) = Read(string.Join('\n', lines));
        var error = Assert.Single(errors);
        Assert.EndsWith($"aliases expand to more than {SourceTreeReader.MaxAliasExpansion} values (the limit); write the values out instead", error);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_where_the_tab_is()
    {
        var (root, errors) = Read("id: x\nnodes:\n  a:\n\ttype: noop\n");
        Assert.Null(root);
        Assert.Equal(["t.yaml:4:1: a tab indents this line; YAML indents with spaces only"], errors);
    }

    [Fact]
    public void A_syntax_error_names_its_place_and_the_file_is_not_usable()
    {
        var (root, errors) = Read("a: [1, 2\n");
        Assert.Null(root);
        Assert.Equal(["t.yaml:2:1: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"], errors);
    }

    [Fact]
    public void Input_the_yaml_parser_cannot_read_on_from_is_reported_after_the_last_value_read()
    {
        var (root, errors) = Read("a: [1, 2\nb: 3\n");
        Assert.Null(root);
        Assert.Equal(["t.yaml:1:6: invalid YAML after this point; look for an unclosed '[', '{' or quote"], errors);
    }

    [Fact]
    public void A_second_document_is_an_error()
    {
        var (root, errors) = Read("a: 1\n---\nb: 2\n");
        Assert.NotNull(root);
        Assert.Equal(["t.yaml:2:1: a DAG file holds one YAML document; this second one (after '---') is not read"], errors);
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_an_error()
    {
        var text = new string('[', SourceTreeReader.MaxDepth + 2) + new string(']', SourceTreeReader.MaxDepth + 2);
        var error = Assert.Single(Read(text).Errors);
        Assert.Equal($"t.yaml:1:{SourceTreeReader.MaxDepth + 2}: values are nested more than {SourceTreeReader.MaxDepth} levels deep (the limit); reading stopped here", error);
    }

    [Fact]
    public void Keys_that_are_not_scalars_are_errors()
    {
        Assert.Equal(["t.yaml:1:3: keys must be plain strings, got a list"], Read("? [a, b]\n: 1\n").Errors);
    }
}
