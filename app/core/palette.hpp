// Colouring of countries so that no two neighbours share a colour. Pure C++.
#pragma once

#include <vector>

#include "world.hpp"

namespace atlas {

// Neighbour lists built from the shared land boundaries: adjacency[i] lists countries
// that share a boundary line with country i (indices into World::countries).
std::vector<std::vector<int>> country_adjacency(const World& world);

// Greedy DSatur colouring: returns one colour index per country, each below colours, such that
// neighbours differ. Returns an empty vector if `colours` is not enough.
std::vector<int> colour_countries(const std::vector<std::vector<int>>& adjacency, int colours);

}  // namespace atlas
