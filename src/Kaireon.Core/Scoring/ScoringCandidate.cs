using Kaireon.Core.Formulas;

namespace Kaireon.Core.Scoring;

/// <summary>
/// One candidate as the <c>score</c> node hands it to a Scoring Engine: the arm (offer) and its
/// category, plus the fields a scorecard reads (<c>offer.*</c>, <c>customer.*</c>,
/// <c>attributes.*</c> including <c>attributes.propensityScores</c>, <c>metrics.*</c>).
/// </summary>
/// <remarks>
/// <see cref="Fields"/> may be null for engines that read no fields (the bandits and bayesian);
/// a scorecard reads a null resolver as every field missing.
/// </remarks>
public readonly record struct ScoringCandidate(string OfferId, string? CategoryId = null, IFieldResolver? Fields = null);
