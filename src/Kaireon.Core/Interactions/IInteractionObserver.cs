using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Told by the stream, after each batch's customer writes, which interactions it applied for the
/// first time: the seam for behavioural triggers (design §8), which count events and matches.
/// </summary>
/// <remarks>
/// <see cref="AppliedInteractions.Interactions"/> is at most once: if the process dies after the day
/// documents are written and before observers are told, redelivery finds those events applied and
/// tells nobody. An observer that must be exactly once keeps, like <c>CustomerMetricBook</c>, how many
/// interactions of each day document it has folded, and folds what <see cref="AppliedInteractions.Days"/>
/// hold past that: day documents only grow, so that is exactly once by construction.
/// </remarks>
public interface IInteractionObserver
{
    Task OnAppliedAsync(IReadOnlyList<AppliedInteractions> applied, CancellationToken ct);
}

/// <summary>
/// One customer's interactions that a batch applied for the first time — events added or no longer
/// pending, and the flexible-behaviour matches recorded with them — in day-document order, and the
/// customer's day documents the batch touched, as stored after its writes.
/// </summary>
public sealed record AppliedInteractions(TenantId Tenant, string CustomerId, IReadOnlyList<Interaction> Interactions, IReadOnlyList<CustomerDay> Days);
