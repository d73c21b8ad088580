namespace DurableDags.Api.Problems;

/// <summary>
/// Ends a request with a problem response from deep inside a handler (an oversized body, a bad id
/// in a body); <see cref="Routing.ApiDispatcher"/> turns it into the response.
/// </summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(new ApiProblem(500, "internal", "The server failed"))
    {
    }

    public ApiProblemException(string message)
        : this(new ApiProblem(500, "internal", message))
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException) => Problem = new ApiProblem(500, "internal", message);

    public ApiProblemException(ApiProblem problem)
        : base(problem?.ToString()) => Problem = problem ?? throw new ArgumentNullException(nameof(problem));

    public ApiProblem Problem { get; }
}
