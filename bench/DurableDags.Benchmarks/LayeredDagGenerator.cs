using System.Globalization;
using System.Text;

namespace DurableDags.Benchmarks;

/// <summary>
/// Writes the YAML text of a large layered DAG, the shape of a decomposed batch job: nodes in
/// layers of <paramref name="Width"/>, each after <paramref name="Upstreams"/> distinct nodes of
/// the layer before. Every third node is an <c>http</c> call whose URL reads a param and an
/// upstream's output; every tenth has an <c>if</c> on an upstream's status; the rest are <c>noop</c>.
/// The same arguments always give the same text.
/// </summary>
public sealed record LayeredDagGenerator(int Nodes, int Width = 100, int Upstreams = 3, int Seed = 42)
{
    /// <summary>Node ids are <c>l{layer}_n{position}</c>, so messages and plans stay readable.</summary>
    public static string NodeId(int layer, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"l{layer:D3}_n{position:D3}");

    public int Layers => (Nodes + Width - 1) / Width;

    /// <summary>Edges of the generated DAG: every node below the first layer has min(Upstreams, layer size) upstreams.</summary>
    public int Edges
    {
        get
        {
            var edges = 0;
            for (var layer = 1; layer < Layers; layer++)
            {
                edges += LayerSize(layer) * Math.Min(Upstreams, LayerSize(layer - 1));
            }

            return edges;
        }
    }

    public string Generate()
    {
        var random = new Random(Seed);
        var yaml = new StringBuilder(Nodes * 160);
        yaml.Append(CultureInfo.InvariantCulture, $"id: layered-{Nodes}\n")
            .Append(CultureInfo.InvariantCulture, $"description: {Nodes} nodes in {Layers} layers of {Width}, {Upstreams} upstreams each\n")
            .Append("maxParallelNodes: 64\n")
            .Append("params:\n  region: { type: string, default: eu }\n")
            .Append("defaults: { retries: 2, retryDelay: 10s, retryBackoff: exponential, timeout: 5m }\n")
            .Append("nodes:\n");
        var picked = new List<int>(Upstreams);
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var position = 0; position < LayerSize(layer); position++)
            {
                picked.Clear();
                if (layer > 0)
                {
                    var previous = LayerSize(layer - 1);
                    while (picked.Count < Math.Min(Upstreams, previous))
                    {
                        var candidate = random.Next(previous);
                        if (!picked.Contains(candidate))
                        {
                            picked.Add(candidate);
                        }
                    }
                }

                WriteNode(yaml, layer, position, picked);
            }
        }

        return yaml.ToString();
    }

    private int LayerSize(int layer) => Math.Min(Width, Nodes - (layer * Width));

    private static void WriteNode(StringBuilder yaml, int layer, int position, List<int> upstreams)
    {
        var id = NodeId(layer, position);
        var needs = upstreams.Select(p => NodeId(layer - 1, p)).ToList();
        var serial = (layer * 1000) + position;
        yaml.Append(CultureInfo.InvariantCulture, $"  {id}:\n");
        if (needs.Count > 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    needs: [{string.Join(", ", needs)}]\n");
        }

        if (needs.Count > 0 && serial % 10 == 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    if: \"${{{{ nodes.{needs[0]}.status == 'succeeded' }}}}\"\n");
        }

        if (serial % 3 == 0)
        {
            var from = needs.Count > 0 ? $"${{{{ nodes.{needs[^1]}.output.body.id }}}}" : "seed";
            yaml.Append("    type: http\n    with:\n      method: GET\n")
                .Append(CultureInfo.InvariantCulture, $"      url: \"https://svc.example/${{{{ params.region }}}}/items/{from}\"\n");
        }
        else
        {
            yaml.Append("    type: noop\n");
        }
    }
}
