using System.Runtime.CompilerServices;

namespace Portal.Tests.Support;

/// <summary>
/// The test host keeps thread-pool threads blocked for the whole run (vstest's socket loop, xunit's assembly runner),
/// and the pool starts with one thread per core: on a two-core machine every other work item, a timer's callback
/// included, then waits for the pool to add a thread, which it does about twice a second. A test that polls with
/// <c>Task.Delay</c> stood still for 1.4 s while an analysis ran (AnalyzerCapacityTests failed on CI that way).
/// The site under Kestrel has no such blocked threads.
/// </summary>
internal static class TestHostThreads
{
    [ModuleInitializer]
    internal static void LeaveRoomBesideTheBlockedThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 8), completionPorts);
    }
}
