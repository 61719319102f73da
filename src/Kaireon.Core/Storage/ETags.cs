namespace Kaireon.Core.Storage;

/// <summary>The <c>If-Match</c> rule every conditional write follows, in the services and in the adapters alike.</summary>
public static class ETags
{
    /// <summary>True when a write conditioned on <paramref name="ifMatch"/> may replace the version tagged <paramref name="current"/>: no condition, <c>*</c>, or the same etag.</summary>
    public static bool Satisfies(string? ifMatch, string current) => ifMatch is null or "*" || ifMatch == current;
}
