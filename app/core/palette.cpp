// DSatur graph colouring over the country adjacency graph. Pure C++.
#include "palette.hpp"

#include <algorithm>
#include <set>

namespace atlas {

std::vector<std::vector<int>> country_adjacency(const World& world) {
    std::vector<std::set<int>> sets(world.countries.size());
    for (const auto& b : world.boundaries) {
        const int a = world.country_index(b.iso_left), c = world.country_index(b.iso_right);
        if (a < 0 || c < 0 || a == c) continue;
        sets[a].insert(c);
        sets[c].insert(a);
    }
    std::vector<std::vector<int>> adj(sets.size());
    for (size_t i = 0; i < sets.size(); ++i) adj[i].assign(sets[i].begin(), sets[i].end());
    return adj;
}

std::vector<int> colour_countries(const std::vector<std::vector<int>>& adjacency, int colours) {
    const size_t n = adjacency.size();
    std::vector<int> colour(n, -1);
    for (size_t step = 0; step < n; ++step) {
        // Pick the uncoloured vertex with the most distinct neighbour colours, then highest degree.
        int pick = -1, best_sat = -1, best_deg = -1;
        for (size_t v = 0; v < n; ++v) {
            if (colour[v] >= 0) continue;
            std::set<int> seen;
            for (int u : adjacency[v])
                if (colour[u] >= 0) seen.insert(colour[u]);
            const int sat = int(seen.size()), deg = int(adjacency[v].size());
            if (sat > best_sat || (sat == best_sat && deg > best_deg)) {
                pick = int(v);
                best_sat = sat;
                best_deg = deg;
            }
        }
        std::vector<bool> used(colours, false);
        for (int u : adjacency[pick])
            if (colour[u] >= 0) used[colour[u]] = true;
        // Rotate the starting colour by index so large areas do not all take colour 0.
        int chosen = -1;
        for (int k = 0; k < colours; ++k) {
            const int c = (pick + k) % colours;
            if (!used[c]) {
                chosen = c;
                break;
            }
        }
        if (chosen < 0) return {};
        colour[pick] = chosen;
    }
    return colour;
}

}  // namespace atlas
