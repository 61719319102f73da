using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Storage.Cosmos;

/// <summary>Runs a query inside one partition and reads every page.</summary>
internal static class SinglePartitionQuery
{
    /// <remarks>
    /// The query's WHERE clause must filter on the partition key as well: the partition key in
    /// the request options is what keeps the query in one partition in Azure, the clause is what
    /// scopes it on the test server, which ignores the option (design §3).
    /// </remarks>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        Container container, string partitionKey, QueryDefinition query, Func<JsonElement, T> map, CancellationToken ct)
    {
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) };
        var results = new List<T>();
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(ct);
            page.ThrowIfFailed($"query '{query.QueryText}' on {container.Id} in partition {partitionKey}");
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                results.Add(map(item));
            }
        }
        return results;
    }
}
