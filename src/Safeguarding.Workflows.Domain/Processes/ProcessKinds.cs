namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>The process kinds' ids (their URL plural, title and the rest are in each kind's registration).</summary>
public static class ProcessKinds
{
    public const string Meeting = "meeting";
    public const string RapidReview = "rapid-review";
    public const string PracticeReview = "practice-review";
    public const string Escalation = "escalation";
    public const string AnnualReport = "annual-report";
}

/// <summary>Identifies one process instance: <c>{partnershipId}/{kind}/{id}</c>, the grain key.</summary>
public readonly record struct ProcessKey(string PartnershipId, string Kind, string Id)
{
    public override string ToString() => $"{PartnershipId}/{Kind}/{Id}";

    public static ProcessKey Parse(string value)
    {
        var parts = value.Split('/', 3);
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{value}' is not a process key of the form partnership/kind/id.");
        }

        return new ProcessKey(parts[0], parts[1], parts[2]);
    }
}
