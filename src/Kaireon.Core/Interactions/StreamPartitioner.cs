using System.IO.Hashing;
using System.Text;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Which stream partition a customer's events go to: a stable hash of tenant and customer, the same
/// in every process and version, so a customer's events always queue behind each other.
/// </summary>
public static class StreamPartitioner
{
    public static int PartitionOf(TenantId tenant, string customerId, int partitions) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{tenant.Value}|{customerId}")) % (uint)partitions);
}
