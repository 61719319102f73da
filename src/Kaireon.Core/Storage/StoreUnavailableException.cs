namespace Kaireon.Core.Storage;

/// <summary>
/// The store could not do the operation now but may a moment later (throttled, timed out, busy):
/// the one failure <see cref="TransientStoreRetry"/> retries. Adapters translate their own
/// transient statuses into it; every other failure is an error.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    public StoreUnavailableException() : this("The store is unavailable.") { }
}
