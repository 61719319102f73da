namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>One registered function name; its handler is the keyed <see cref="IFunctionInvocationHandler"/> under that name.</summary>
public sealed record FunctionInvocationRegistration(string FunctionName, Type HandlerType);
