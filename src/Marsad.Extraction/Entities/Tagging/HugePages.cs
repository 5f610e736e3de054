using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// Pinned arrays for big tables read at random (the tagger's weight rows): on Linux the table's memory is
/// advised to transparent huge pages (madvise MADV_HUGEPAGE) before it is first written, so its reads miss the
/// TLB far less (8 MB is 2048 small pages, 4 huge ones). Only a hint: where it is refused or unknown the table
/// is the same array on small pages, and every value read from it is the same.
/// </summary>
internal static partial class HugePages
{
    public const int Size = 2 << 20;
    private const int MadvHugePage = 14;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int MAdvise(nint address, nuint length, int advice);

    /// <summary>
    /// A pinned, zeroed array of at least <paramref name="length"/> elements and the index where a
    /// <paramref name="align"/>-byte aligned run of <paramref name="length"/> elements starts in it; large runs
    /// start on a huge page and are advised to huge pages.
    /// </summary>
    public static unsafe T[] Allocate<T>(int length, int align, out int start) where T : unmanaged
    {
        long bytes = (long)length * sizeof(T);
        bool huge = OperatingSystem.IsLinux() && bytes >= Size;
        if (huge) align = Size;
        // uninitialised: the pages are first touched after the advice (the clear below), so they are faulted in huge
        var array = GC.AllocateUninitializedArray<T>(length + align / sizeof(T), pinned: true);
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        start = (int)((align - (address & (align - 1))) & (align - 1)) / sizeof(T);
        if (huge)
        {
            try { _ = MAdvise((nint)(address + start * sizeof(T)), (nuint)(bytes / Size * Size), MadvHugePage); }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        array.AsSpan().Clear();
        return array;
    }
}
