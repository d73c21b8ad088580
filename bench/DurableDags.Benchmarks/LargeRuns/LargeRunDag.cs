using System.Globalization;
using System.Text;

namespace DurableDags.Benchmarks.LargeRuns;

/// <summary>
/// The YAML of issue 17's large run: <see cref="Layers"/> layers of <see cref="Width"/> nodes, each
/// node after <see cref="Upstreams"/> distinct nodes of the layer before (seeded, so always the same
/// DAG), every third node an <c>http</c> GET of the bench's local endpoint whose URL reads an
/// upstream's output (so each call needs that upstream's record), the rest <c>noop</c>.
/// </summary>
public static class LargeRunDag
{
    public const int Layers = 100;
    public const int Width = 100;
    public const int Upstreams = 3;
    public const int MaxParallelNodes = 64;

    public static int Nodes => Layers * Width;

    public static int HttpNodes => (Nodes + 2) / 3;

    /// <param name="workUrl">The endpoint an http node calls, e.g. <c>http://127.0.0.1:5000/work/0</c>.</param>
    public static string Text(string id, string workUrl, int layers = Layers, int width = Width)
    {
        var random = new Random(17);
        var yaml = new StringBuilder(layers * width * 120)
            .Append(CultureInfo.InvariantCulture, $"id: {id}\n")
            .Append(CultureInfo.InvariantCulture, $"description: {layers * width} nodes in {layers} layers of {width}, every third an http call\n")
            .Append(CultureInfo.InvariantCulture, $"maxParallelNodes: {MaxParallelNodes}\n")
            .Append("nodes:\n");
        var picked = new List<int>(Upstreams);
        var serial = 0;
        for (var layer = 0; layer < layers; layer++)
        {
            for (var position = 0; position < width; position++, serial++)
            {
                picked.Clear();
                while (layer > 0 && picked.Count < Math.Min(Upstreams, width))
                {
                    var candidate = random.Next(width);
                    if (!picked.Contains(candidate))
                    {
                        picked.Add(candidate);
                    }
                }

                yaml.Append(CultureInfo.InvariantCulture, $"  {NodeId(layer, position)}:\n");
                if (picked.Count > 0)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"    needs: [{string.Join(", ", picked.Select(p => NodeId(layer - 1, p)))}]\n");
                }

                if (serial % 3 == 0)
                {
                    // The query reads an upstream's output when there is one: the step has to load it.
                    var from = picked.Count > 0 ? $"${{{{ nodes.{NodeId(layer - 1, picked[0])}.status }}}}" : "first";
                    yaml.Append(CultureInfo.InvariantCulture, $"    type: http\n    with: {{ method: GET, url: \"{workUrl}?after={from}\" }}\n");
                }
                else
                {
                    yaml.Append("    type: noop\n");
                }
            }
        }

        return yaml.ToString();
    }

    private static string NodeId(int layer, int position) => string.Create(CultureInfo.InvariantCulture, $"l{layer:D2}_n{position:D2}");
}
