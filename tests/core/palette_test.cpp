// Neighbour colouring on a synthetic map (a wheel: one hub touching a ring of five).
#include "core/palette.hpp"

#include <gtest/gtest.h>

namespace atlas {
namespace {

TEST(Palette, NeighboursNeverShareAColour) {
    World w;
    for (const char* iso : {"HUB", "AAA", "BBB", "CCC", "DDD", "EEE"}) w.countries.push_back({iso, iso, "", {}});
    const char* ring[] = {"AAA", "BBB", "CCC", "DDD", "EEE"};
    for (int i = 0; i < 5; ++i) {
        w.boundaries.push_back({"HUB", ring[i], "", {}});
        w.boundaries.push_back({ring[i], ring[(i + 1) % 5], "", {}});
    }
    const auto adj = country_adjacency(w);
    EXPECT_EQ(adj[0].size(), 5u);
    const auto colours = colour_countries(adj, 4);  // an odd wheel needs exactly four
    ASSERT_EQ(colours.size(), 6u);
    for (size_t i = 0; i < adj.size(); ++i)
        for (int j : adj[i]) EXPECT_NE(colours[i], colours[size_t(j)]) << i << " and " << j;
    EXPECT_TRUE(colour_countries(adj, 3).empty());  // and three are not enough
}

}  // namespace
}  // namespace atlas
