namespace Kaireon.Core.Interactions;

/// <summary>One group of a bucket: its key and its cell.</summary>
public sealed record RollupRow(InteractionKey Key, InteractionCell Cell);
