using System.ComponentModel.DataAnnotations;

namespace Kaireon.Storage.Cosmos;

/// <summary>Where the Cosmos DB account is and how to sign in to it.</summary>
public sealed class CosmosOptions
{
    public const string Section = "Kaireon:Cosmos";

    /// <summary>The account endpoint, e.g. <c>https://kaireon.documents.azure.com:443/</c>.</summary>
    [Required, Url] public string Endpoint { get; set; } = "";

    /// <summary>An account key; null signs in with the app's managed identity (the deployed default: no keys).</summary>
    public string? Key { get; set; }

    /// <summary>The client id of a user-assigned managed identity; null uses <c>DefaultAzureCredential</c>.</summary>
    public string? ClientId { get; set; }

    [Required] public string Database { get; set; } = "kaireon";
}
