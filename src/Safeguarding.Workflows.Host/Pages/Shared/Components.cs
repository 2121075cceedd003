namespace Safeguarding.Workflows.Host.Pages.Shared;

// The GOV.UK Design System components the forms use, each rendered by the partial of the same name
// (Pages/Shared/_TextInput.cshtml, ...). They read the posted value and the error from the form state.

/// <summary>A text input with its label, hint and inline error.</summary>
/// <param name="Width">A GOV.UK width class such as <c>govuk-input--width-20</c> or <c>govuk-!-width-two-thirds</c>.</param>
public sealed record TextInput(FormState Form, string Id, string Label, string? Hint = null, string Type = "text", string? Autocomplete = null, string? Width = null, bool Spellcheck = true, string? InputMode = null);

/// <summary>A multi-line text box.</summary>
public sealed record TextArea(FormState Form, string Id, string Label, string? Hint = null, int Rows = 5);

/// <summary>A date as three inputs (day, month, year) in a fieldset.</summary>
public sealed record DateInput(FormState Form, string Id, string Legend, string? Hint = null);

/// <summary>One choice of a radios or checkboxes group.</summary>
public sealed record Choice(string Value, string Text, string? Hint = null);

/// <summary>Radios (one answer) in a fieldset.</summary>
public sealed record Radios(FormState Form, string Id, string Legend, IReadOnlyList<Choice> Choices, string? Hint = null, bool Inline = false);

/// <summary>Checkboxes (any number of answers) in a fieldset; the posted value is the checked values joined with commas.</summary>
public sealed record Checkboxes(FormState Form, string Id, string Legend, IReadOnlyList<Choice> Choices, string? Hint = null);

/// <summary>A file upload.</summary>
public sealed record FileUpload(FormState Form, string Id, string Label, string? Hint = null, string? Accept = null);

/// <summary>A select box.</summary>
public sealed record Select(FormState Form, string Id, string Label, IReadOnlyList<Choice> Choices, string? Hint = null);
