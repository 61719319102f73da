using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Tenancy;

/// <summary>
/// What a key may do: <c>admin</c> configuration, keys and settings; <c>runtime</c> recommend,
/// respond, events and aggregate reads; <c>read</c> every GET; <c>platform</c> create tenants.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ApiScope>))]
public enum ApiScope { Admin, Runtime, Read, Platform }
