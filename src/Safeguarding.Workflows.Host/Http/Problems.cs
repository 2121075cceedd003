using Microsoft.AspNetCore.Http.HttpResults;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>The RFC 9457 problem responses the API gives, in one place so they read the same everywhere.</summary>
public static class Problems
{
    /// <summary>400 naming the field: <c>errors: {field: [message]}</c>.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
