using System.Text.Json;

namespace DurableDags.Web.Tests.Browser;

/// <summary>
/// The pure modules of the UI (graph layout, longest path), run in the real browser on the
/// served assets.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class GraphLayoutTests(Chromium chromium) : ModulePage(chromium)
{
    [Fact]
    public async Task A_node_sits_one_layer_after_its_longest_chain_of_upstreams()
    {
        var layout = await LayoutAsync("""
            [{ "id": "a", "needs": [] }, { "id": "b", "needs": ["a"] }, { "id": "c", "needs": ["b"] },
             { "id": "d", "needs": ["a", "c"] }, { "id": "e", "needs": [] }]
            """);

        Assert.Equal(["a", "e"], Layer(layout, 0).Order(StringComparer.Ordinal));
        Assert.Equal(["b"], Layer(layout, 1));
        Assert.Equal(["c"], Layer(layout, 2));
        Assert.Equal(["d"], Layer(layout, 3));
    }

    [Fact]
    public async Task Sweeps_undo_the_crossings_of_the_declaration_order()
    {
        // Declared so that the first layer is [r1, r2] and the second [c2, c1]: both edges cross.
        var layout = await LayoutAsync("""
            [{ "id": "r1", "needs": [] }, { "id": "r2", "needs": [] },
             { "id": "c2", "needs": ["r2"] }, { "id": "c1", "needs": ["r1"] },
             { "id": "d2", "needs": ["c2"] }, { "id": "d1", "needs": ["c1"] }]
            """);

        Assert.Equal(0, layout.GetProperty("crossings").GetInt32());
        var first = Layer(layout, 0).ToList();
        var second = Layer(layout, 1).ToList();
        Assert.Equal(first.IndexOf("r1") < first.IndexOf("r2"), second.IndexOf("c1") < second.IndexOf("c2"));
    }

    [Fact]
    public async Task Needs_on_unknown_nodes_are_ignored_and_a_cycle_still_gets_drawn()
    {
        var layout = await LayoutAsync("""
            [{ "id": "a", "needs": ["ghost"] }, { "id": "x", "needs": ["y"] }, { "id": "y", "needs": ["x"] }]
            """);

        var placed = layout.GetProperty("layers").EnumerateArray().SelectMany(l => l.EnumerateArray()).Select(e => e.GetString());
        Assert.Equal(["a", "x", "y"], placed.Order(StringComparer.Ordinal));
        Assert.Contains("a", Layer(layout, 0));
    }

    [Fact]
    public async Task A_500_node_dag_gets_every_edge_pointing_right_and_no_more_crossings_than_it_started_with()
    {
        var result = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const { layoutDag, countCrossings } = await import('/assets/js/graph/layout.js');
              let seed = 7;
              const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
              const nodes = [];
              for (let i = 0; i < 500; i++) {
                const needs = [];
                for (let k = 0; k < 2 && i > 10; k++) needs.push(`n${Math.floor(i - 1 - random() * Math.min(i - 1, 40))}`);
                nodes.push({ id: `n${i}`, needs: [...new Set(needs)] });
              }
              const layout = layoutDag(nodes);
              const firstOrder = new Map();
              for (const layer of layout.layers) {
                const ids = [...layer].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
                ids.forEach((id, i) => firstOrder.set(id, i - (ids.length - 1) / 2));
              }
              return {
                rightward: layout.edges.every(([a, b]) => layout.layerOf.get(a) < layout.layerOf.get(b)),
                placed: layout.layers.flat().length,
                crossings: layout.crossings,
                before: countCrossings(layout.edges, layout.layerOf, firstOrder),
              };
            }
            """);

        Assert.True(result.GetProperty("rightward").GetBoolean());
        Assert.Equal(500, result.GetProperty("placed").GetInt32());
        Assert.True(result.GetProperty("crossings").GetInt32() <= result.GetProperty("before").GetInt32(), result.ToString());
    }

    [Fact]
    public async Task The_longest_path_follows_the_chain_that_ended_last()
    {
        var path = await Page.EvaluateAsync<string[]>("""
            async () => {
              const { longestPath } = await import('/assets/js/views/longestPath.js');
              const nodes = [{ id: 'a', needs: [] }, { id: 'fast', needs: ['a'] }, { id: 'slow', needs: ['a'] },
                             { id: 'join', needs: ['fast', 'slow'] }, { id: 'side', needs: [] }];
              const times = { a: [0, 1000], fast: [1000, 1500], slow: [1000, 10000], join: [10000, 12000], side: [0, 11000] };
              return longestPath(nodes, (id) => ({ start: times[id][0], end: times[id][1] }));
            }
            """);

        Assert.Equal(["a", "slow", "join"], path);
    }

    [Fact]
    public async Task A_run_of_nodes_that_took_no_time_still_has_its_longest_chain_as_the_longest_path()
    {
        // The engine ends a noop in the turn that starts it: start, end and every upstream's end are
        // one instant. Summing durations found no path here (a finished 240-node run showed 0 nodes).
        var path = await Page.EvaluateAsync<string[]>("""
            async () => {
              const { longestPath } = await import('/assets/js/views/longestPath.js');
              const nodes = [{ id: 'r', needs: [] }, { id: 'short', needs: ['r'] }, { id: 'm1', needs: ['r'] },
                             { id: 'm2', needs: ['m1'] }, { id: 'end', needs: ['short', 'm2'] }, { id: 'skipped', needs: ['end'] }];
              const at = 1764800000000;
              return longestPath(nodes, (id) => (id === 'skipped' ? null : { start: at, end: at }));
            }
            """);

        Assert.Equal(["r", "m1", "m2", "end"], path);
    }

    [Fact]
    public async Task A_run_where_nothing_has_run_has_no_longest_path()
    {
        var path = await Page.EvaluateAsync<string[]>("""
            async () => {
              const { longestPath } = await import('/assets/js/views/longestPath.js');
              return longestPath([{ id: 'a', needs: [] }, { id: 'b', needs: ['a'] }], () => null);
            }
            """);

        Assert.Empty(path);
    }

    [Fact]
    public async Task A_small_graph_is_placed_by_dagre_and_a_large_one_by_the_layered_layout_both_left_to_right()
    {
        var result = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const { placeGraph, DAGRE_MAX_NODES, NODE_W } = await import('/assets/js/graph/placement.js');
              const chain = (count) => Array.from({ length: count }, (_, i) => ({ id: `n${i}`, needs: i ? [`n${i - 1}`, ...(i > 2 ? [`n${i - 3}`] : [])] : [] }));
              const check = (p) => ({
                engine: p.engine,
                rightward: p.edges.every(([a, b]) => p.at.get(a).x + NODE_W <= p.at.get(b).x),
                inside: [...p.at.values()].every(({ x, y }) => x >= 0 && y >= 0 && x + NODE_W <= p.width && y <= p.height),
                placed: p.layers.flat().length,
              });
              return { small: check(placeGraph(chain(12))), large: check(placeGraph(chain(DAGRE_MAX_NODES + 1))), limit: DAGRE_MAX_NODES };
            }
            """);

        var small = result.GetProperty("small");
        var large = result.GetProperty("large");
        Assert.Equal(("dagre", 12), (small.GetProperty("engine").GetString(), small.GetProperty("placed").GetInt32()));
        Assert.Equal(("layers", result.GetProperty("limit").GetInt32() + 1), (large.GetProperty("engine").GetString(), large.GetProperty("placed").GetInt32()));
        Assert.All(new[] { small, large }, p => Assert.True(p.GetProperty("rightward").GetBoolean() && p.GetProperty("inside").GetBoolean(), p.ToString()));
    }

    private static IEnumerable<string?> Layer(JsonElement layout, int index) =>
        layout.GetProperty("layers")[index].EnumerateArray().Select(e => e.GetString());

    private Task<JsonElement> LayoutAsync(string nodesJson) =>
        Page.EvaluateAsync<JsonElement>("""
            async (nodesJson) => {
              const { layoutDag } = await import('/assets/js/graph/layout.js');
              const layout = layoutDag(JSON.parse(nodesJson));
              return { layers: layout.layers, crossings: layout.crossings };
            }
            """, nodesJson);
}
