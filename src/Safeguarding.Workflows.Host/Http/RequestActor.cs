namespace Safeguarding.Workflows.Host.Http;

/// <summary>Who is making a request, as recorded in the audit log.</summary>
public static class RequestActor
{
    /// <summary>The signed-in user's name; <c>local-user</c> for unauthenticated local development.</summary>
    public static string Of(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "local-user";
}
