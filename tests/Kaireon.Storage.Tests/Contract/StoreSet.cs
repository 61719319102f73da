using Kaireon.Core.Storage;

namespace Kaireon.Storage.Tests.Contract;

/// <summary>The ports of one adapter, as a contract test sees them.</summary>
public sealed record StoreSet(ICatalogStore Catalog, ITraceStore Traces, IStoreHealth Health, ICustomerStore Customers, IRollupStore Rollups);
