import PLMCore

/// A monolateral movement that entered bilateral grouping.
struct _Component {
    /// Indices into the input movements (several when same-leg movements were joined), in time order.
    var indices: [Int]
    var side: LegSide
    var onsetS: Double
    var offsetS: Double
    /// Offset minus onset, s.
    var durationS: Double
    /// The duration as ``RuleSet/durationCounting`` measures it, s: what the limits are compared with.
    var countedDurationS: Double

    /// The first input index: breaks ties between equal onsets deterministically.
    var index: Int { indices.first ?? 0 }
}

/// A group of components forming one LM, with a rank that orders groups of equal onset the way the
/// reference implementation does.
struct _Group {
    var components: [_Component]
    var rank: Int
    /// Earliest onset and latest offset of the components, s.
    var onsetS: Double
    var offsetS: Double

    init(components: [_Component], rank: Int) {
        self.components = components
        self.rank = rank
        onsetS = components.lazy.map(\.onsetS).min() ?? 0
        offsetS = components.lazy.map(\.offsetS).max() ?? 0
    }
}

enum _BilateralGrouper {
    /// Groups components into LMs under the rule set's bilateral method, in time order.
    /// - Complexity: O(n log n + n k), k the number of components within one window of another.
    static func group(_ components: [_Component], rules: RuleSet) -> [_Group] {
        let groups: [_Group]
        switch rules.bilateralGrouping {
        case .offsetToOnsetGapChains: groups = gapChains(components, rules: rules)
        case .onsetToOnsetGreedyPairs: groups = greedyPairs(components, rules: rules)
        }
        // Stable order: onset, then rank (psgscoring sorts its merged list stably by onset).
        return groups.sorted { ($0.onsetS, $0.rank) < ($1.onsetS, $1.rank) }
    }

    /// Luna `combine_bilateral`: union-find over opposite-leg pairs whose gap (later onset minus the
    /// earlier movement's offset; negative when overlapping) combines.
    private static func gapChains(_ components: [_Component], rules: RuleSet) -> [_Group] {
        let sorted = components.sorted { ($0.onsetS, $0.index) < ($1.onsetS, $1.index) }
        let n = sorted.count
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for i in 0..<n {
            var j = i + 1
            while j < n {
                let gap = rules.bilateralArithmetic.difference(sorted[j].onsetS, sorted[i].offsetS)
                if !rules.bilateralDistanceCombines(gap) { break }  // later onsets only lie further
                if sorted[j].side != sorted[i].side {
                    let a = find(i), b = find(j)
                    if a != b { parent[a] = b }
                }
                j += 1
            }
        }
        var members: [Int: [Int]] = [:]
        var rootOrder: [Int] = []
        for i in 0..<n {
            let r = find(i)
            if members[r] == nil { rootOrder.append(r) }
            members[r, default: []].append(i)
        }
        return rootOrder.enumerated().map { rank, root in
            _Group(components: (members[root] ?? []).map { sorted[$0] }, rank: rank)
        }
    }

    /// psgscoring `_merge_bilateral`: each left movement in onset order takes the first unused right
    /// movement whose onset is within the window of its own; then the unpaired right movements.
    private static func greedyPairs(_ components: [_Component], rules: RuleSet) -> [_Group] {
        let lefts = components.filter { $0.side == .left }.sorted { ($0.onsetS, $0.index) < ($1.onsetS, $1.index) }
        let rights = components.filter { $0.side == .right }.sorted { ($0.onsetS, $0.index) < ($1.onsetS, $1.index) }
        var used = [Bool](repeating: false, count: rights.count)
        var groups: [_Group] = []
        groups.reserveCapacity(components.count)
        for left in lefts {
            var partner: Int?
            for (j, right) in rights.enumerated() where !used[j] {
                // Rights are in onset order: once one starts beyond the window, all later ones do.
                if !rules.bilateralDistanceCombines(rules.bilateralArithmetic.difference(right.onsetS, left.onsetS)),
                    right.onsetS > left.onsetS
                {
                    break
                }
                let distance = abs(rules.bilateralArithmetic.difference(left.onsetS, right.onsetS))
                if rules.bilateralDistanceCombines(distance) {
                    partner = j
                    break
                }
            }
            if let j = partner {
                used[j] = true
                groups.append(_Group(components: [left, rights[j]], rank: groups.count))
            } else {
                groups.append(_Group(components: [left], rank: groups.count))
            }
        }
        for (j, right) in rights.enumerated() where !used[j] {
            groups.append(_Group(components: [right], rank: groups.count))
        }
        return groups
    }
}
