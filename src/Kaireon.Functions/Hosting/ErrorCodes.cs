namespace Kaireon.Functions.Hosting;

/// <summary>The <c>code</c> extension of every problem answer, one per status.</summary>
public static class ErrorCodes
{
    public static string For(int? status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        409 => "CONFLICT",
        412 => "PRECONDITION_FAILED",
        413 => "PAYLOAD_TOO_LARGE",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        422 => "UNPROCESSABLE_ENTITY",
        429 => "RATE_LIMITED",
        503 => "UNAVAILABLE",
        >= 500 => "INTERNAL_ERROR",
        _ => "ERROR",
    };
}
