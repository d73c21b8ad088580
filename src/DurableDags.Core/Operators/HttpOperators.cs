using System.Collections.Immutable;

namespace DurableDags.Core.Operators;

/// <summary>The operators that talk to services over HTTP: <c>http</c>, <c>http-job</c>, <c>sensor</c>.</summary>
internal static class HttpOperators
{
    public static readonly ImmutableArray<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static OperatorSpec Http { get; } = new("http")
    {
        Description = "Sends one HTTP request; the node succeeds when the response status is expected.",
        Settings =
        [
            .. Request("GET"),
            new("expectStatus", SettingType.StatusCodes)
            {
                Description = "Status codes that count as success; any other fails the attempt.", Default = "any 2xx",
            },
            new("timeout", SettingType.Duration)
            {
                Description = "Limit for one request; the node's own timeout bounds the whole attempt.", Default = "100s",
            },
        ],
    };

    public static OperatorSpec HttpJob { get; } = new("http-job")
    {
        Description = "Submits a job over HTTP, then polls its status on a durable timer until a condition says it is done.",
        Settings =
        [
            new("submit", SettingType.Object)
            {
                Required = true, Settings = Request("POST"),
                Description = "The request that starts the job; its response is 'submit' (status, headers, body).",
            },
            new("poll", SettingType.Object)
            {
                Required = true, Settings = Request("GET"), Roots = ["submit"],
                Description = "The request that reads the job's state; its latest response is 'poll'.",
            },
            new("pollInterval", SettingType.Duration) { Description = "Wait between polls.", Default = "1m" },
            new("successWhen", SettingType.Expression)
            {
                Required = true, Roots = ["submit", "poll"],
                Description = "Ends the node succeeded when true after a poll.",
            },
            new("failWhen", SettingType.Expression)
            {
                Roots = ["submit", "poll"],
                Description = "Ends the node failed when true after a poll (checked before successWhen).",
            },
            new("output", SettingType.Json)
            {
                Roots = ["submit", "poll"], Default = "the last poll response's body",
                Description = "The node's output, computed once the job succeeded.",
            },
        ],
    };

    public static OperatorSpec Sensor { get; } = new("sensor")
    {
        Description = "Checks an HTTP endpoint or a blob on a durable timer until a condition holds.",
        ExactlyOneOf = [["http", "blob"]],
        Settings =
        [
            new("http", SettingType.Object)
            {
                Settings = Request("GET"),
                Description = "The request to send at each check; its response is 'response'.",
            },
            new("blob", SettingType.Object)
            {
                ExactlyOneOf = [["name", "prefix"]],
                Description = "A blob to wait for, in the host's storage account unless 'connection' says otherwise.",
                Settings =
                [
                    new("container", SettingType.String) { Required = true, Description = "The blob container." },
                    new("name", SettingType.String) { Description = "The exact blob name to wait for." },
                    new("prefix", SettingType.String) { Description = "Waits for any blob whose name starts with this." },
                    new("connection", SettingType.String)
                    {
                        Description = "Name of the app setting holding the storage connection string.", Default = "the host's storage",
                    },
                ],
            },
            new("condition", SettingType.Expression)
            {
                Roots = ["response"],
                Default = "http: a 2xx status; blob: the blob exists",
                Description = "Ends the wait when true after a check.",
            },
            new("pollInterval", SettingType.Duration) { Description = "Wait between checks.", Default = "1m" },
            new("mode", SettingType.String)
            {
                Allowed = ["reschedule", "poke"], Default = "reschedule",
                Description = "reschedule: sleep on a durable timer between checks (no compute); poke: check in one long activity, for intervals of seconds.",
            },
            new("softFail", SettingType.Boolean)
            {
                Default = "false", Description = "When the node's timeout ends the wait, end skipped instead of failed.",
            },
        ],
    };

    /// <summary>The request settings shared by <c>http</c>, a job's <c>submit</c> and <c>poll</c>, and a sensor's <c>http</c>.</summary>
    private static ImmutableArray<SettingSpec> Request(string defaultMethod) =>
    [
        new("method", SettingType.String) { Allowed = Methods, Default = defaultMethod, Description = "The HTTP method." },
        new("url", SettingType.Url)
        {
            Required = true, AllowsSecrets = true, Description = "Absolute http or https URL; expressions allowed.",
        },
        new("headers", SettingType.StringMap) { AllowsSecrets = true, Description = "Request headers." },
        new("query", SettingType.StringMap) { AllowsSecrets = true, Description = "Query parameters added to the URL, encoded." },
        new("body", SettingType.Json)
        {
            AllowsSecrets = true,
            Description = "Request body: a mapping or list is sent as JSON, a string as text.",
        },
        new("auth", SettingType.Object)
        {
            Description = "How the request authenticates: type entra sends the app's Entra ID token for scope as Authorization: Bearer.",
            Settings =
            [
                new("type", SettingType.String) { Required = true, Allowed = ["entra"], Description = "entra: a token from the app's managed identity (workload identity, or the developer's login locally)." },
                new("scope", SettingType.EntraScope) { Required = true, Description = "The resource's scope, such as https://management.azure.com/.default or api://{app-id}/.default." },
            ],
        },
    ];
}
