using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Marsad.Bench;

/// <summary>
/// CPU time of the calling thread (Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID)), so that a benchmark
/// on a shared, busy machine counts the work done rather than the time spent waiting for a core, and
/// leaves out the JIT's and GC's background threads. Elsewhere it falls back to wall-clock time.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static bool IsThreadTime { get; } = OperatingSystem.IsLinux() && Probe();

    private static bool Probe()
    {
        try { return ClockGetTime(ClockThreadCpuTime, out _) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>Seconds of CPU time used by this thread so far (or wall-clock seconds).</summary>
    public static double Now()
    {
        if (IsThreadTime && ClockGetTime(ClockThreadCpuTime, out var t) == 0)
            return t.Seconds + t.Nanoseconds / 1e9;
        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }
}
