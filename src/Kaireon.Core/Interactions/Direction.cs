using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Interactions;

/// <summary>Outbound: we reached the customer (impression, delivery). Inbound: the customer acted.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Direction>))]
public enum Direction { Inbound, Outbound }
