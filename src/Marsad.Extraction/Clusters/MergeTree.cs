namespace Marsad.Extraction.Clusters;

/// <summary>
/// The binary tree of the final merges. Leaves are the clusters live when the last phase starts (one per slot);
/// each merge makes a node over the two slots' current nodes. A node's 0 branch is the child whose most
/// frequent word is the more frequent, so the bits do not depend on which slot kept the merge.
/// </summary>
internal sealed class MergeTree(int slots)
{
    private readonly List<(int Zero, int One)> _children = [];
    private readonly List<int> _firstWord = [];
    private readonly List<int> _leafSlot = [];
    private readonly int[] _nodeOfSlot = new int[slots];

    public void Leaf(int slot, int firstWord)
    {
        _nodeOfSlot[slot] = Add((-1, -1), firstWord, slot);
    }

    public void Join(int keep, int gone)
    {
        int x = _nodeOfSlot[keep], y = _nodeOfSlot[gone];
        if (_firstWord[y] < _firstWord[x]) (x, y) = (y, x);
        _nodeOfSlot[keep] = Add((x, y), _firstWord[x], -1);
    }

    private int Add((int, int) children, int firstWord, int slot)
    {
        _children.Add(children);
        _firstWord.Add(firstWord);
        _leafSlot.Add(slot);
        return _children.Count - 1;
    }

    /// <summary>The bit path of each leaf slot (root = the last node made); a lone leaf gets <c>0</c>.</summary>
    public string[] LeafPaths()
    {
        var paths = new string[_nodeOfSlot.Length];
        int root = _children.Count - 1;
        if (_leafSlot[root] >= 0) { paths[_leafSlot[root]] = "0"; return paths; }
        var stack = new Stack<(int Node, string Path)>();
        stack.Push((root, ""));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            if (_leafSlot[node] >= 0) { paths[_leafSlot[node]] = path; continue; }
            stack.Push((_children[node].One, path + "1"));
            stack.Push((_children[node].Zero, path + "0"));
        }
        return paths;
    }
}
