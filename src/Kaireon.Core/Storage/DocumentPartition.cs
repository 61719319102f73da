using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Storage;

/// <summary>
/// One partition of a container keyed <c>/pk</c> = <c>tenantId|key</c>: a customer's documents
/// (key = customer id) or one summary definition's tenant-wide rollups (key = definition id).
/// The tenant leads the key, so one tenant's code cannot name another tenant's partition.
/// </summary>
public readonly record struct DocumentPartition(TenantId Tenant, string Key)
{
    /// <summary>The stored partition key value.</summary>
    public string Value => $"{Tenant.Value}|{Key}";

    public override string ToString() => Value;
}
