namespace Kaireon.Functions.Hosting;

/// <summary>
/// One executable, two hosts (design §1): under Azure Functions the host sets
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and forwards invocations to 127.0.0.1 on that port;
/// otherwise Kaireon runs standalone on <c>http://localhost:7071</c> unless <c>--urls</c> or
/// <c>ASPNETCORE_URLS</c> say otherwise.
/// </summary>
public static class HostingMode
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string StandaloneUrl = "http://localhost:7071";

    public static bool IsCustomHandler(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[CustomHandlerPortVariable]);

    public static void ConfigureUrls(WebApplicationBuilder builder)
    {
        if (IsCustomHandler(builder.Configuration))
        {
            var port = builder.Configuration[CustomHandlerPortVariable];
            if (!int.TryParse(port, out var number) || number is < 1 or > 65535)
                throw new InvalidOperationException($"{CustomHandlerPortVariable} must be a TCP port, not '{port}'.");
            builder.WebHost.UseUrls($"http://127.0.0.1:{number}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(StandaloneUrl);
        }
    }
}
