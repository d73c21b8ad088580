namespace DurableDags.Engine.Operators.Http.Outbound;

/// <summary>
/// A connection the <see cref="OutboundPolicy"/> refused. Thrown from the connect callback, so
/// HttpClient hands it back wrapped in an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class OutboundDeniedException : Exception
{
    public OutboundDeniedException(string message)
        : base(message)
    {
    }

    public OutboundDeniedException()
        : this("The outbound policy denied the connection.")
    {
    }

    public OutboundDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The denial somewhere in an exception's chain, if any.</summary>
    public static OutboundDeniedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundDeniedException denied)
            {
                return denied;
            }
        }

        return null;
    }
}
