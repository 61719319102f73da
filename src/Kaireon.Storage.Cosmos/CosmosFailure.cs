using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>Turns a status the adapter does not expect into an exception that says what was being done.</summary>
internal static class CosmosFailure
{
    /// <summary>
    /// Throws unless the response succeeded. Callers handle the statuses that mean something to
    /// them (404, 409, 412) before calling this; anything else, a 500 included, is an error.
    /// </summary>
    public static void ThrowIfFailed(this ResponseMessage response, string operation)
    {
        if (response.IsSuccessStatusCode) return;
        var failure = new CosmosException(
            $"Cosmos DB answered {(int)response.StatusCode} ({response.StatusCode}) to {operation}: {response.ErrorMessage}",
            response.StatusCode,
            int.TryParse(response.Headers["x-ms-substatus"], out var subStatus) ? subStatus : 0,
            response.Headers.ActivityId,
            response.Headers.RequestCharge);
        // Throttled, timed out or briefly unavailable: worth another try a moment later.
        throw (int)response.StatusCode is 408 or 429 or 449 or 503
            ? new Kaireon.Core.Storage.StoreUnavailableException(failure.Message, failure)
            : failure;
    }
}
