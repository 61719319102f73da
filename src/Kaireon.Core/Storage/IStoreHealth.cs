namespace Kaireon.Core.Storage;

/// <summary>Readiness of the store behind the ports: <c>/health/ready</c> asks it.</summary>
public interface IStoreHealth
{
    /// <summary>Creates what is missing (tables, containers) so the ports can be used.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>True when the store answers a trivial read.</summary>
    Task<bool> IsReadyAsync(CancellationToken ct);
}
