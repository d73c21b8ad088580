using DurableDags.Core.Tests.Loading;

namespace DurableDags.Core.Tests.Validation;

public class ExpressionChecksTests
{
    private const string Head = """
        id: x
        params:
          date: { type: string, default: "2026-01-01" }
        nodes:
          fetch: { type: http, with: { url: "https://a.example" } }
          other: { type: noop }

        """;

    private static string[] Errors(string nodes) => Load.Errors(Head + nodes);

    [Fact]
    public void A_syntax_error_points_at_the_bad_token_in_the_file()
    {
        Assert.Equal(["test.yaml:7:44: 'if' of node 'a' has an invalid expression ${{ params.date == }}: expected a value after '=='"],
            Errors("  a: { type: noop, if: \"${{ params.date == }}\" }\n"));
    }

    [Fact]
    public void Unknown_names_suggest_the_name_meant()
    {
        Assert.Equal(
        [
            "test.yaml:11:35: 'with.url' of node 'a' reads unknown name 'parms'; did you mean 'params'?",
            "test.yaml:12:30: 'with.body.d' of node 'a' reads params.dat, which does not exist; did you mean 'date'?",
            "test.yaml:13:29: 'with.body.n' of node 'a' reads nodes.fetc, which does not exist; did you mean 'fetch'?",
            "test.yaml:14:27: 'with.body.r' of node 'a' reads run.logicaldate, which does not exist; did you mean 'logicalDate'?",
        ], Errors("""
              a:
                type: http
                needs: fetch
                with:
                  url: "https://b.example/${{ parms.date }}"
                  body: { d: "${{ params.dat }}",
                          n: "${{ nodes.fetc.output }}",
                          r: "${{ run.logicaldate }}" }

            """));
    }

    [Fact]
    public void Host_variables_may_be_read_by_name_in_node_fields_but_not_whole_or_in_param_defaults()
    {
        Assert.Empty(Errors("""
              a:
                type: notify
                if: "${{ vars.notify == 'yes' }}"
                with: { channel: slack, url: "${{ vars.demoUrl }}/hooks/slack", text: "from ${{ vars.site }}" }

            """));
        Assert.Equal(["test.yaml:7:65: 'with.body' of node 'a' reads 'vars' as a whole; name one variable, as in vars.demoUrl"],
            Errors("  a: { type: http, with: { url: \"https://a.example\", body: \"${{ vars }}\" } }\n"));
        Assert.Equal(
            ["test.yaml:1:47: the default of param 'base' reads 'vars', which a param default cannot read (defaults are bound when the run is created, by any host); read vars in the node's fields instead"],
            Load.Errors("params: { base: { type: string, default: \"${{ vars.demoUrl }}\" } }\nid: x\nnodes: { a: { type: noop } }\n"));
    }

    [Fact]
    public void Reading_a_node_that_is_not_upstream_is_an_error_because_it_would_race()
    {
        Assert.Equal(["test.yaml:7:49: 'if' of node 'a' reads nodes.other, which is not upstream of node 'a'; add 'other' to its needs (directly or through an upstream), or the read would race"],
            Errors("  a: { type: noop, needs: fetch, if: \"${{ nodes.other.status == 'succeeded' }}\" }\n"));
    }

    [Fact]
    public void Reading_a_node_upstream_through_others_is_allowed()
    {
        Assert.Empty(Errors("""
              a: { type: noop, needs: fetch }
              b: { type: noop, needs: a }
              c: { type: noop, needs: [b, other], if: "${{ nodes.fetch.output.status == 200 && nodes.other.status == 'succeeded' }}" }

            """));
    }

    [Fact]
    public void A_node_cannot_read_itself_or_nodes_as_a_whole()
    {
        Assert.Equal(
        [
            "test.yaml:7:35: 'if' of node 'a' reads nodes.a, its own node; a node cannot read its own output",
            "test.yaml:8:36: 'if' of node 'b' reads 'nodes' as a whole; name the node, as in nodes.fetch.output, so it can be checked to run before",
        ], Errors("  a: { type: noop, if: \"${{ nodes.a.status }}\" }\n  b: { type: noop, if: \"${{ toJson(nodes) }}\" }\n"));
    }

    [Fact]
    public void Item_and_index_exist_only_in_mapped_nodes_and_not_in_their_foreach()
    {
        Assert.Equal(
        [
            "test.yaml:7:29: 'if' of node 'a' reads 'item', which exists only in a node with 'foreach'",
            "test.yaml:8:72: 'foreach' of node 'b' reads 'index', which exists only in the node's other fields: 'foreach' computes the items",
        ], Errors("""
              a: { type: noop, if: "${{ item.ok }}" }
              b: { type: noop, needs: fetch, foreach: "${{ nodes.fetch.output.body[index] }}" }
              c: { type: noop, needs: fetch, foreach: "${{ nodes.fetch.output.body }}", if: "${{ item.ok && index > 0 }}" }

            """));
    }

    [Fact]
    public void Secrets_are_allowed_only_where_they_are_sent_and_never_recorded()
    {
        Assert.Equal(
        [
            "test.yaml:13:48: 'with.text' of node 'c' reads secrets.TOKEN, but secrets may be used only in a request's url, headers, query or body, which are never written to logs, outputs or run records",
            "test.yaml:14:37: 'if' of node 'd' reads secrets.TOKEN, but secrets may be used only in a request's url, headers, query or body, which are never written to logs, outputs or run records",
        ], Errors("""
              a:
                type: http
                with: { url: "https://a.example/${{ secrets.PATH }}", headers: { Authorization: "Bearer ${{ secrets.TOKEN }}" }, body: "${{ secrets.BODY }}" }
              b: { type: notify, with: { channel: slack, url: "${{ secrets.SLACK_URL }}", text: hi } }
              c:
                type: notify
                with: { channel: slack, text: "${{ secrets.TOKEN }}" }
              d: { type: noop, if: "${{ secrets.TOKEN }}" }

            """));
    }

    [Fact]
    public void Phase_names_exist_only_in_the_settings_that_expose_them()
    {
        Assert.Equal(
        [
            "test.yaml:18:46: 'with.submit.url' of node 'job2' reads 'poll', which exists only in 'successWhen', 'failWhen' and 'output' of http-job nodes",
            "test.yaml:22:14: 'if' of node 'wait' reads 'response', which exists only in 'condition' of sensor nodes",
        ], Errors("""
              job:
                type: http-job
                with:
                  submit: { url: "https://ml.example/jobs" }
                  poll: { url: "${{ submit.body.statusUrl }}" }
                  successWhen: "${{ poll.body.state == 'SUCCEEDED' }}"
                  failWhen: "${{ poll.body.state == 'FAILED' }}"
                  output: "${{ poll.body.result }}"
              job2:
                type: http-job
                with:
                  submit: { url: "https://ml.example/${{ poll.body }}" }
                  poll: { url: "https://ml.example/status" }
                  successWhen: "${{ poll.body.done }}"
              wait:
                if: "${{ response.status == 200 }}"
                type: sensor
                with: { http: { url: "https://a.example" }, condition: "${{ response.status == 200 }}" }

            """));
    }

    [Fact]
    public void If_and_foreach_must_be_exactly_one_expression()
    {
        Assert.Equal(
        [
            "test.yaml:7:24: 'if' of node 'a' must be an expression such as \"${{ params.dryRun == false }}\", got the plain string 'params.dryRun'",
            "test.yaml:8:43: 'foreach' of node 'b' must be exactly one ${{ }} expression with nothing around it, so it is not read as text",
        ], Errors("""
              a: { type: noop, if: params.dryRun }
              b: { type: noop, needs: fetch, foreach: "${{ nodes.fetch.output }} items" }

            """));
    }

    [Fact]
    public void A_param_default_may_read_only_run()
    {
        Assert.Equal(
        [
            "test.yaml:3:38: the default of param 'day' reads 'params', which is not available here; names here are run",
        ], Load.Errors("""
            id: x
            params:
              day: { type: string, default: "${{ params.other }}" }
              date: { type: string, default: "${{ formatDate(run.logicalDate, 'yyyy-MM-dd') }}" }
            nodes:
              a: { type: noop }
            """));
    }
}
