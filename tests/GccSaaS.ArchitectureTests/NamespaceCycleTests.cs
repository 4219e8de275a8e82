using System.Text.RegularExpressions;
using Mono.Cecil;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// The shared kernel is layered: no two of its namespaces depend on each other, directly or through
/// others (<c>Tenancy</c> below <c>Data</c>, <c>Data</c> below <c>Messaging</c> and <c>Jobs</c>, never the
/// other way round as well). The graph is read from IL with Mono.Cecil (every use <see cref="CecilTypeUses"/>
/// finds, method bodies included; a nested or compiler-generated type counts for the namespace of the type it
/// is nested in) and from the source's <c>using</c> directives (a constant is inlined into the IL that uses it,
/// so only the source shows that use). A cycle is a strongly connected set of two or more namespaces.
/// </summary>
public class NamespaceCycleTests
{
    private const string BuildingBlocksSource = "src/BuildingBlocks/GccSaaS.BuildingBlocks";

    [Fact]
    public void BuildingBlocks_namespaces_have_no_cycles()
    {
        var cycles = BuildingBlocksGraph(ns => ns).Cycles();

        Assert.True(cycles.Count == 0, Architecture.Report(
            $"The namespaces of {Architecture.BuildingBlocksAssembly} depend on each other in cycles; move the types that close each cycle:",
            cycles));
    }

    /// <summary>
    /// The same over the top-level folders (a folder's namespace with every namespace below it): the
    /// platform's migrations kept in <c>Tenancy/Migrations</c> and using <c>Data</c>'s helpers while <c>Data</c> uses
    /// <c>Tenancy</c> is a cycle between the two parts, though not between two single namespaces.
    /// </summary>
    [Fact]
    public void BuildingBlocks_top_level_folders_have_no_cycles()
    {
        var cycles = BuildingBlocksGraph(TopLevelFolder).Cycles();

        Assert.True(cycles.Count == 0, Architecture.Report(
            $"The top-level folders of {Architecture.BuildingBlocksAssembly} depend on each other in cycles; move the types that close each cycle:",
            cycles));
    }

    [Fact]
    public void The_graph_sees_a_cycle_where_there_is_one()
    {
        var graph = new NamespaceGraph(ns => ns);
        graph.Add("A", "B", "A.X uses B.Y");
        graph.Add("B", "C", "B.Y uses C.Z");
        graph.Add("C", "A", "C.Z uses A.X");
        graph.Add("C", "D", "C.Z uses D.W");
        graph.Add("D", "D", "D.W uses D.V");

        var cycle = Assert.Single(graph.Cycles());
        Assert.StartsWith("A → B → C → A", cycle, StringComparison.Ordinal);
        Assert.Contains("C.Z uses A.X", cycle, StringComparison.Ordinal);
        Assert.DoesNotContain("D", cycle.Split(Environment.NewLine)[0], StringComparison.Ordinal);
    }

    private static NamespaceGraph BuildingBlocksGraph(Func<string, string> group)
    {
        var graph = NamespaceGraph.Read(Architecture.BuildingBlocksAssembly, group);
        graph.AddUsingDirectives(BuildingBlocksSource);
        return graph;
    }

    /// <summary><c>GccSaaS.BuildingBlocks.Data.Migrations</c> → <c>GccSaaS.BuildingBlocks.Data</c>.</summary>
    private static string TopLevelFolder(string ns)
    {
        var prefix = Architecture.BuildingBlocksAssembly + ".";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return ns;
        }

        var dot = ns.IndexOf('.', prefix.Length);
        return dot < 0 ? ns : ns[..dot];
    }
}

/// <summary>Which namespace of an assembly uses which other, with an example of each dependency.</summary>
/// <param name="group">The node a namespace counts for (itself, or the folder it lies in).</param>
public sealed partial class NamespaceGraph(Func<string, string> group)
{
    private const int ExamplesPerEdge = 3;

    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> edges = new(StringComparer.Ordinal);

    /// <summary>The graph of the product namespaces of a built assembly (uses of its own types only).</summary>
    public static NamespaceGraph Read(string assemblyName, Func<string, string> group)
    {
        var graph = new NamespaceGraph(group);
        using var module = ModuleDefinition.ReadModule(Architecture.PathOf(assemblyName));
        foreach (var type in module.Types.Where(t => IsProduct(t.Namespace)))
        {
            foreach (var use in CecilTypeUses.WithNested(type).SelectMany(CecilTypeUses.Of))
            {
                var used = CecilTypeUses.NamespaceOf(use.Type);
                if (CecilTypeUses.AssemblyOf(use.Type) is null && IsProduct(used))
                {
                    graph.Add(type.Namespace, used, $"{use.User} uses {use.Type.FullName}");
                }
            }
        }

        return graph;
    }

    /// <summary>
    /// Adds the product namespaces that the <c>using</c> directives of the C# files under a source folder
    /// (relative to the repository root) bring in, each from the namespace its file declares.
    /// </summary>
    public void AddUsingDirectives(string sourceFolder)
    {
        foreach (var file in SourceTree.Files(sourceFolder, ".cs"))
        {
            var lines = File.ReadAllLines(file);
            var declared = lines.Select(l => NamespaceDeclaration().Match(l)).FirstOrDefault(m => m.Success)?.Groups["name"].Value;
            if (declared is null || !IsProduct(declared))
            {
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                if (UsingDirective().Match(lines[i]) is { Success: true } match && IsProduct(match.Groups["name"].Value))
                {
                    Add(declared, match.Groups["name"].Value, $"{SourceTree.Relative(file)}:{i + 1} {lines[i].Trim()}");
                }
            }
        }
    }

    /// <summary>A dependency of one namespace on another (a namespace's use of itself, or of its own group, is none).</summary>
    public void Add(string fromNamespace, string toNamespace, string example)
    {
        var (from, to) = (group(fromNamespace), group(toNamespace));
        if (from == to)
        {
            return;
        }

        if (!edges.TryGetValue(from, out var targets))
        {
            edges[from] = targets = new(StringComparer.Ordinal);
        }

        if (!targets.TryGetValue(to, out var examples))
        {
            targets[to] = examples = new(StringComparer.Ordinal);
        }

        examples.Add(example);
        edges.TryAdd(to, new(StringComparer.Ordinal));
    }

    /// <summary>
    /// One entry per strongly connected set of namespaces: a cycle through them (<c>A → B → A</c>), then
    /// each dependency inside the set with up to three uses that make it.
    /// </summary>
    public IReadOnlyList<string> Cycles() =>
        StronglyConnected()
            .Where(set => set.Count > 1)
            .Select(set =>
            {
                var inside = set.ToHashSet(StringComparer.Ordinal);
                var lines = new List<string> { string.Join(" → ", CycleThrough(set[0], inside)) };
                foreach (var from in set)
                {
                    foreach (var (to, examples) in edges[from].Where(e => inside.Contains(e.Key)))
                    {
                        lines.Add($"  {from} → {to}: {string.Join("; ", examples.Take(ExamplesPerEdge))}{(examples.Count > ExamplesPerEdge ? $"; … ({examples.Count} uses)" : string.Empty)}");
                    }
                }

                return string.Join(Environment.NewLine, lines);
            })
            .ToList();

    private static bool IsProduct(string ns) => ns.StartsWith(Architecture.ProductPrefix, StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?<name>[\w.]+)\s*;")]
    private static partial Regex UsingDirective();

    /// <summary>The shortest path from <paramref name="start"/> back to itself inside one strongly connected set.</summary>
    private List<string> CycleThrough(string start, HashSet<string> inside)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var next in edges[current].Keys.Where(inside.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { current };
                    while (path[0] != start)
                    {
                        path.Insert(0, previous[path[0]]);
                    }

                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        throw new InvalidOperationException($"{start} is in a strongly connected set but on no cycle.");
    }

    /// <summary>Tarjan's strongly connected components, each sorted, in a stable order.</summary>
    private List<List<string>> StronglyConnected()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var sets = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges[node].Keys)
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == index[node])
            {
                var set = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    set.Add(member);
                }
                while (member != node);
                set.Sort(StringComparer.Ordinal);
                sets.Add(set);
            }
        }

        foreach (var node in edges.Keys.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return sets;
    }
}
