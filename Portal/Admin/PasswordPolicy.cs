namespace Portal.Admin;

public enum PasswordProblem { None, TooShort, TooSimple }

/// <summary>
/// The one rule for admin passwords, used by the command line and the accounts page. Length matters most;
/// a long run of one character or a counting sequence ("123456789012") is refused as well.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    public static PasswordProblem Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            return PasswordProblem.TooShort;
        if (password.Distinct().Count() < 5 || IsSequence(password))
            return PasswordProblem.TooSimple;
        return PasswordProblem.None;
    }

    private static bool IsSequence(string password)
    {
        var steps = password.Zip(password.Skip(1), (a, b) => b - a).Distinct().ToArray();
        return steps.Length == 1 && Math.Abs(steps[0]) <= 1;
    }
}
