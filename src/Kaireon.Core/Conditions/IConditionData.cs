namespace Kaireon.Core.Conditions;

/// <summary>
/// Where a condition reads its fields: an event's metadata, an interaction, a customer's attributes.
/// <paramref name="field"/> is a leaf's <c>field</c> exactly as configured (<c>metadata.score</c>,
/// <c>offerId</c>); the instances passed are the ones in <see cref="ConditionTree.Fields"/>, so an
/// adapter may switch on them or key a table by them.
/// </summary>
/// <remarks>
/// Implement it over the record you already have (an interaction's <c>OfferId</c> is already a
/// string), so evaluating allocates nothing. A field that is absent answers false; a field present
/// as JSON null may answer <see cref="ConditionValue.Null"/>, which the engine treats as absent.
/// An instance is read by one evaluation at a time and need not be thread-safe.
/// </remarks>
public interface IConditionData
{
    bool TryGet(string field, out ConditionValue value);
}
