using System.Globalization;
using System.Text;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The DAGs the browser tests upload. <c>OUTSIDE</c> is replaced with the server's address.</summary>
internal static class TestDags
{
    /// <summary>Three nodes in a line: the carriers, their cost (the node that fails), a report.</summary>
    public const string Shipping = """
        id: shipping
        description: Prices the routes of each carrier
        params:
          label: { type: string, description: a name for this run }
          region: { type: string, default: north, enum: [north, south] }
          minCost: { type: number, default: 0 }
          dryRun: { type: boolean, default: false }
          tags: { type: array, default: [] }
        nodes:
          carriers:
            type: http
            with: { method: GET, url: "OUTSIDE/outside/carriers?region=${{ params.region }}&label=${{ params.label }}" }
          cost:
            needs: [carriers]
            type: http
            with:
              method: POST
              url: OUTSIDE/outside/cost
              body: { minCost: "${{ params.minCost }}", tags: "${{ params.tags }}", dryRun: "${{ params.dryRun }}" }
          report:
            needs: [cost]
            type: noop
        """;

    /// <summary>One cost call per carrier: a mapped node with an instance per item.</summary>
    public const string PerCarrier = """
        id: per-carrier
        description: Costs each carrier on its own
        nodes:
          carriers:
            type: http
            with: { method: GET, url: "OUTSIDE/outside/carriers" }
          cost:
            needs: [carriers]
            foreach: "${{ nodes.carriers.output.body.carriers }}"
            type: http
            with: { method: POST, url: "OUTSIDE/outside/cost", body: { carrier: "${{ item.id }}" } }
        """;

    /// <summary>A node that waits for an approval event, then one that runs after it.</summary>
    public const string Approval = """
        id: release
        description: Ships a release once someone approves it
        nodes:
          build:
            type: noop
          approve:
            needs: [build]
            type: approval
            with: { event: approve, timeout: 1d }
          ship:
            needs: [approve]
            type: noop
        """;

    /// <summary>Two approvals one after the other: a run that stays running while its nodes move on.</summary>
    public const string TwoGates = """
        id: gates
        description: Two sign-offs in a row
        nodes:
          first:
            type: approval
            with: { event: one, timeout: 1d }
          second:
            needs: [first]
            type: approval
            with: { event: two, timeout: 1d }
          done:
            needs: [second]
            type: noop
        """;

    /// <summary>A daily DAG in UTC, for backfills.</summary>
    public const string Daily = """
        id: daily
        description: Loads one day
        schedule: "0 0 6 * * *"
        timezone: UTC
        nodes:
          load:
            type: noop
        """;

    /// <summary>The DAG of the screenshots: two sources, a cost that retries, a job, an approval.</summary>
    public const string CarrierCosts = """
        id: carrier-costs
        description: Daily cost per carrier, mailed to each carrier that drove a route
        schedule: "0 0 6 * * *"
        timezone: America/Bogota
        params:
          date: { type: string, default: "2026-11-22", description: the day to cost }
          minCost: { type: number, default: 0 }
          dryRun: { type: boolean, default: false }
          region: { type: string, default: north, enum: [north, south] }
        nodes:
          carriers:
            type: http
            with: { method: GET, url: "OUTSIDE/outside/carriers?latencyMs=600" }
          routes:
            type: http
            with: { method: GET, url: "OUTSIDE/outside/carriers?latencyMs=300" }
          cost:
            needs: [carriers, routes]
            type: http
            retries: 1
            retryDelay: 1s
            with: { method: POST, url: "OUTSIDE/outside/cost?latencyMs=400", body: { date: "${{ params.date }}" } }
          train:
            needs: [carriers]
            type: wait
            with: { duration: 3s }
          approve:
            needs: [train]
            type: approval
            with: { event: approve, timeout: 1d }
          report:
            needs: [cost, approve]
            type: noop
          archive:
            needs: [routes]
            type: noop
        """;

    /// <summary>A scheduled DAG, for the list.</summary>
    public const string Nightly = """
        id: nightly
        description: Tidies up every night
        schedule: "0 30 2 * * *"
        timezone: Europe/Paris
        nodes:
          tidy:
            type: noop
        """;

    /// <summary>
    /// A DAG of <paramref name="count"/> noop nodes: each after 10 needs one or two of the 40 nodes
    /// before it, so the graph is wide and deep as real large DAGs are.
    /// </summary>
    public static string Large(string id, int count)
    {
        var yaml = new StringBuilder($"id: {id}\ndescription: {count} nodes\nnodes:\n");
        var seed = 7L;
        int Next(int bound)
        {
            seed = ((seed * 1103515245) + 12345) % 2147483648;
            return (int)(seed % bound);
        }

        for (var i = 0; i < count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  n{i}:\n    type: noop\n");
            if (i > 10)
            {
                var needs = new SortedSet<int> { i - 1 - Next(Math.Min(i - 1, 40)), i - 1 - Next(Math.Min(i - 1, 40)) };
                yaml.Append(CultureInfo.InvariantCulture, $"    needs: [{string.Join(", ", needs.Select(n => $"n{n}"))}]\n");
            }
        }

        return yaml.ToString();
    }
}
