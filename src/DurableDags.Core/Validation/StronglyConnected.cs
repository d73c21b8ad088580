namespace DurableDags.Core.Validation;

/// <summary>
/// Tarjan's strongly connected components, iterative so a 10,000-node chain cannot overflow the
/// stack. Used only on the nodes a topological sort could not order.
/// </summary>
internal static class StronglyConnected
{
    /// <summary>Components of two or more nodes among those with <paramref name="position"/> -1.</summary>
    public static List<List<int>> Components(int[][] edges, int[] position)
    {
        var count = edges.Length;
        var index = Enumerable.Repeat(-1, count).ToArray();
        var low = new int[count];
        var onStack = new bool[count];
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        var next = 0;
        var work = new Stack<(int Node, int Edge)>();
        for (var root = 0; root < count; root++)
        {
            if (position[root] >= 0 || index[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e == 0)
                {
                    index[v] = low[v] = next++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                else
                {
                    low[v] = Math.Min(low[v], low[edges[v][e - 1]]);
                }

                var descended = false;
                for (; e < edges[v].Length; e++)
                {
                    var w = edges[v][e];
                    if (position[w] >= 0)
                    {
                        continue;
                    }

                    if (index[w] < 0)
                    {
                        work.Push((v, e + 1));
                        work.Push((w, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                }

                if (descended || low[v] != index[v])
                {
                    continue;
                }

                var component = new List<int>();
                int popped;
                do
                {
                    popped = stack.Pop();
                    onStack[popped] = false;
                    component.Add(popped);
                }
                while (popped != v);

                if (component.Count > 1)
                {
                    result.Add(component);
                }
            }
        }

        return result;
    }
}
