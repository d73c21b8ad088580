using System.Globalization;
using System.Text;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>The YAML of the DAGs the scenarios run; the same arguments always give the same text.</summary>
public static class ScenarioDags
{
    /// <summary><paramref name="nodes"/> <c>noop</c> nodes with no edges.</summary>
    public static string Independent(string id, int nodes, int maxParallelNodes)
    {
        var yaml = Header(id, $"{nodes} independent noop nodes", maxParallelNodes);
        for (var i = 0; i < nodes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  n{i:D4}: {{ type: noop }}\n");
        }

        return yaml.ToString();
    }

    /// <summary>A chain: each node an <c>http</c> call to <paramref name="url"/>, after the one before.</summary>
    public static string Chain(string id, int nodes, string url)
    {
        var yaml = Header(id, $"a chain of {nodes} http calls", maxParallelNodes: 16);
        for (var i = 0; i < nodes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  c{i:D2}:\n");
            if (i > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    needs: c{i - 1:D2}\n");
            }

            Http(yaml, url);
        }

        return yaml.ToString();
    }

    /// <summary>
    /// Layers of <paramref name="width"/> <c>http</c> nodes (the last one shorter), each node after
    /// <paramref name="upstreams"/> distinct nodes of the layer before, picked with a fixed seed.
    /// </summary>
    public static string Layered(string id, int nodes, int width, int upstreams, int maxParallelNodes, string url)
    {
        var random = new Random(42);
        var yaml = Header(id, $"{nodes} http nodes in layers of {width}, {upstreams} upstreams each", maxParallelNodes);
        var layers = (nodes + width - 1) / width;
        for (var layer = 0; layer < layers; layer++)
        {
            var size = Math.Min(width, nodes - (layer * width));
            var previous = layer == 0 ? 0 : Math.Min(width, nodes - ((layer - 1) * width));
            for (var position = 0; position < size; position++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  l{layer:D2}_n{position:D2}:\n");
                if (previous > 0)
                {
                    var picked = new SortedSet<int>();
                    while (picked.Count < Math.Min(upstreams, previous))
                    {
                        picked.Add(random.Next(previous));
                    }

                    yaml.Append(CultureInfo.InvariantCulture, $"    needs: [{string.Join(", ", picked.Select(p => $"l{layer - 1:D2}_n{p:D2}"))}]\n");
                }

                Http(yaml, url);
            }
        }

        return yaml.ToString();
    }

    /// <summary>Three nodes as a business user's DAG might have: fetch, check, report.</summary>
    public static string ThreeNodes(string id, string url) =>
        Header(id, "fetch, check, report", maxParallelNodes: 16)
            .Append("  fetch:\n").Append(HttpText(url))
            .Append("  check:\n    needs: fetch\n    type: noop\n")
            .Append("  report:\n    needs: check\n").Append(HttpText(url))
            .ToString();

    private static StringBuilder Header(string id, string description, int maxParallelNodes) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"id: {id}\n")
            .Append(CultureInfo.InvariantCulture, $"description: {description}\n")
            .Append(CultureInfo.InvariantCulture, $"maxParallelNodes: {maxParallelNodes}\n")
            .Append("nodes:\n");

    private static void Http(StringBuilder yaml, string url) => yaml.Append(HttpText(url));

    private static string HttpText(string url) => $"    type: http\n    with: {{ method: GET, url: \"{url}\" }}\n";
}
