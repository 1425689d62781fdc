namespace Portal.Data;

/// <summary>A database fault arrives wrapped (EF Core around the provider, the provider around a socket): its cause is inside.</summary>
internal static class ExceptionChain
{
    /// <summary>The first exception of type <typeparamref name="T"/> in the chain of inner exceptions, or null.</summary>
    public static T? Find<T>(Exception exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is T found)
                return found;
        return null;
    }

    public static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
