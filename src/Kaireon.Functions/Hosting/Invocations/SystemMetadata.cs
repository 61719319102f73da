namespace Kaireon.Functions.Hosting.Invocations;

/// <summary><c>Metadata.sys</c> of every invocation: the function's name, the host's clock and a random id.</summary>
public sealed record SystemMetadata(string MethodName, DateTimeOffset UtcNow, Guid RandGuid);
