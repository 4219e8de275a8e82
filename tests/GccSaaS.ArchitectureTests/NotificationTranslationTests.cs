namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Issue 16 item 7: every notification a module sends carries its text in the portal's languages
/// (<c>Translations</c>, e.g. from <c>CultureScope.InEveryLanguage</c>), so the notification centre shows each reader
/// the notification in their own language; one sent without them stays in the sender's language for everybody.
/// </summary>
public class NotificationTranslationTests
{
    private static readonly string[] Senders = ["new UserNotificationRequested(", "new SendUserNotificationCommand("];

    [Fact]
    public void Every_notification_a_module_sends_carries_translations()
    {
        var files = SourceTree.Files("src", ".cs");
        var sends = files
            .SelectMany(file => Sends(File.ReadAllText(file)).Select(send => (file, send)))
            .ToList();
        var violations = sends
            .Where(s => !s.send.Arguments.Contains("Translations", StringComparison.Ordinal))
            .Select(s => $"{SourceTree.Relative(s.file)}:{s.send.Line}: {s.send.Arguments.Split('\n')[0].Trim()}")
            .ToList();

        Assert.True(sends.Count >= 10, $"Only {sends.Count} notification senders found: the rule reads the wrong files.");
        Assert.True(violations.Count == 0, Architecture.Report(
            "These notifications carry no Translations: the German (French, Spanish) portal would show them in the sender's language:",
            violations));
    }

    [Theory]
    [InlineData("x(new UserNotificationRequested(a, b(c), d, Translations: t), clock);", true)]
    [InlineData("x(new UserNotificationRequested(a, b(c), d), Translations(t));", false)]
    [InlineData("x(new SendUserNotificationCommand(a, \"(\", d, request.Translations));", true)]
    public void The_rule_reads_only_the_senders_own_arguments(string source, bool carries) =>
        Assert.Equal(carries, Sends(source).Single().Arguments.Contains("Translations", StringComparison.Ordinal));

    /// <summary>Each sender's argument list (up to its closing parenthesis, strings aside) and the line it starts on.</summary>
    private static IEnumerable<(string Arguments, int Line)> Sends(string source)
    {
        foreach (var sender in Senders)
        {
            for (var at = source.IndexOf(sender, StringComparison.Ordinal); at >= 0; at = source.IndexOf(sender, at + 1, StringComparison.Ordinal))
            {
                var start = at + sender.Length;
                var depth = 1;
                var inString = false;
                var end = start;
                for (; end < source.Length && depth > 0; end++)
                {
                    var c = source[end];
                    if (c == '"' && source[end - 1] != '\\')
                    {
                        inString = !inString;
                    }
                    else if (!inString)
                    {
                        depth += c switch { '(' => 1, ')' => -1, _ => 0 };
                    }
                }

                yield return (source[start..end], source[..at].Count(ch => ch == '\n') + 1);
            }
        }
    }
}
