namespace Kaireon.Core.Storage;

public enum WriteStatus
{
    Ok,
    /// <summary>Create: an item with that id exists.</summary>
    Conflict,
    /// <summary>Replace or delete: no item with that id.</summary>
    NotFound,
    /// <summary>The item's etag is not the one the write was conditioned on.</summary>
    PreconditionFailed,
}

/// <summary>The outcome of a conditional write; <see cref="Document"/> is the stored item when <see cref="Status"/> is <see cref="WriteStatus.Ok"/>.</summary>
public readonly record struct WriteResult<T>(WriteStatus Status, T? Document = default)
    where T : class
{
    public bool Ok => Status == WriteStatus.Ok;
}
