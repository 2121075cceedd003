using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>Pages' answers other than their own page: an HTML "Page not found" with status 404.</summary>
public static class PageResults
{
    public static IActionResult NotFound(string message) => new ViewResult
    {
        ViewName = "_NotFound",
        StatusCode = StatusCodes.Status404NotFound,
        ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = message, ["Title"] = "Page not found" },
    };
}
