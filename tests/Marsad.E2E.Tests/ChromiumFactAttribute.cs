namespace Marsad.E2E.Tests;

/// <summary>
/// A browser test. Without a Chromium it is skipped on a developer's machine, but under CI
/// (env CI set) it runs and fails with a message saying what to install.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Browser.ExecutablePath is null && !Browser.UnderCi)
            Skip = $"No Chromium at {Browser.DefaultPath} (apt-get install -y chromium, or set MARSAD_CHROMIUM); set CI=1 to make this a failure.";
    }
}

/// <summary>Where the system Chromium is. Playwright's own browser download does not work here, so we always use this one.</summary>
public static class Browser
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string? ExecutablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("MARSAD_CHROMIUM");
            if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
            return File.Exists(DefaultPath) ? DefaultPath : null;
        }
    }

    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage",
    ];
}
