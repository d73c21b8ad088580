using System.Net;
using DurableDags.Api.Tests.Fixtures;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>PUT stores a DAG that reads a secret this host lacks, and says so.</summary>
public sealed class DagUploadWarningsTests
{
    private const string Dag = """
        id: calls
        nodes:
          load:
            type: http
            with:
              url: "https://api.example/items?key=${{ secrets.API_KEY }}"
              headers: { Authorization: "Bearer ${{ secrets.TOKEN }}", X-Other: "${{ secrets.API_KEY }}" }
          done:
            needs: [load]
            type: noop
        """;

    [Fact]
    public async Task A_dag_reading_an_unset_secret_is_stored_with_a_warning_naming_the_node_and_the_setting()
    {
        await using var server = await ApiServer.OnFolderAsync(settings: new Dictionary<string, string?> { ["DurableDags:Secrets:TOKEN"] = "tok-1234567" });

        using var response = await server.PutDagAsync("calls", Dag);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warnings = (await ApiServer.ReadJsonAsync(response)).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("node 'load' reads secrets.API_KEY", warning, StringComparison.Ordinal);
        Assert.Contains("DurableDags__Secrets__API_KEY", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dag_whose_secrets_are_all_set_has_no_warning()
    {
        await using var server = await ApiServer.OnFolderAsync(settings: new Dictionary<string, string?>
        {
            ["DurableDags:Secrets:TOKEN"] = "tok-1234567",
            ["DurableDags:Secrets:API_KEY"] = "key-1234567",
        });

        using var response = await server.PutDagAsync("calls", Dag);

        Assert.Empty((await ApiServer.ReadJsonAsync(response)).GetProperty("warnings").EnumerateArray());
    }
}
