namespace Marsad.Ingest;

/// <summary>
/// The files of an input folder, each real path once. Links are resolved: a link back to a parent
/// (a cycle) is walked once, a link that leaves the folder given (to <c>/etc/passwd</c>) is skipped
/// unless <see cref="ReaderOptions.FollowLinks"/>, and hidden entries are skipped. Special files
/// (FIFOs, devices, sockets) are left to <see cref="ArticleSources.ReadFile"/>, which never opens them.
/// </summary>
internal static class FolderWalker
{
    /// <summary>Files in ordinal order of their path as given; <paramref name="skipped"/> gets a reason for each link left out.</summary>
    public static List<string> Files(string root, bool followLinks, List<InputException> skipped)
    {
        string rootReal = Real(new DirectoryInfo(root)) ?? Path.GetFullPath(root);
        var seenDirs = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        var stack = new Stack<string>();
        stack.Push(root);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        while (stack.Count > 0)
        {
            string dir = stack.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { skipped.Add(new InputException(dir, e.Message, inner: e)); continue; }
            var subdirs = new List<string>();
            foreach (var entry in entries)
            {
                string? real = Real(entry);
                if (real is null)
                {
                    skipped.Add(new InputException(entry.FullName, "a link to nothing (skipped)"));
                    continue;
                }
                if (entry.LinkTarget is not null && !followLinks && !Inside(real, rootReal))
                {
                    skipped.Add(new InputException(entry.FullName, $"a link out of the folder (to {real}); skipped, use --follow-links to read it"));
                    continue;
                }
                if (Directory.Exists(real))
                {
                    if (seenDirs.Add(real)) subdirs.Add(entry.FullName);
                }
                else if (seenFiles.Add(real)) files.Add(entry.FullName);
            }
            for (int i = subdirs.Count - 1; i >= 0; i--) stack.Push(subdirs[i]);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The path with every link resolved, or null for a broken link.</summary>
    private static string? Real(FileSystemInfo entry)
    {
        try
        {
            // Resolve each parent too: a file inside a linked folder has its real folder's path.
            string? parent = entry is DirectoryInfo d ? d.Parent?.FullName : Path.GetDirectoryName(entry.FullName);
            string parentReal = parent is null ? "" : RealDir(parent);
            string self = Path.Combine(parentReal, entry.Name);
            if (parent is null) self = entry.FullName;
            var info = entry is DirectoryInfo ? (FileSystemInfo)new DirectoryInfo(self) : new FileInfo(self);
            if (info.LinkTarget is null) return info.Exists ? Path.TrimEndingDirectorySeparator(info.FullName) : null;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !(target.Exists || Directory.Exists(target.FullName))) return null;
            return Directory.Exists(target.FullName) ? RealDir(target.FullName) : Path.Combine(RealDir(Path.GetDirectoryName(target.FullName)!), target.Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string RealDir(string dir)
    {
        // Walk up from the root, resolving each component that is a link.
        string full = Path.GetFullPath(dir);
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (int hops = 0; hops < 40; hops++)
            {
                var info = new DirectoryInfo(current);
                if (info.LinkTarget is null) break;
                var target = info.ResolveLinkTarget(returnFinalTarget: false);
                if (target is null) break;
                current = Path.GetFullPath(target.FullName, Path.GetDirectoryName(current) ?? root);
            }
        }
        return Path.TrimEndingDirectorySeparator(current);
    }

    private static bool Inside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
