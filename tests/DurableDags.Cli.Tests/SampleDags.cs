namespace DurableDags.Cli.Tests;

/// <summary>DAG texts the command tests write to disk.</summary>
internal static class SampleDags
{
    /// <summary>A valid DAG with id <paramref name="id"/>: a, b after a, c after a, d after b and c.</summary>
    public static string Diamond(string id = "diamond") => $$$"""
        id: {{{id}}}
        nodes:
          a: { type: noop }
          b: { type: noop, needs: [a] }
          c:
            type: http
            needs: [a]
            foreach: "${{ nodes.a.output.items }}"
            with: { method: GET, url: "https://example.test/${{ item }}" }
          d: { type: noop, needs: [b, c] }
        """;

    /// <summary>Two errors: line 4 has an unknown operator type and an unknown upstream.</summary>
    public const string TwoErrors = """
        id: broken
        nodes:
          carriers: { type: noop }
          b: { type: htp, needs: [carrier] }
        """;

    /// <summary>A valid DAG written as JSON.</summary>
    public static string Json(string id) => $$"""
        { "id": "{{id}}", "nodes": { "only": { "type": "noop" } } }
        """;
}
