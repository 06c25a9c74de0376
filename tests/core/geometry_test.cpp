// Geometry helpers on shapes whose answers are known by construction.
#include "core/geometry.hpp"

#include <gtest/gtest.h>

#include "support/shapes.hpp"

namespace atlas {
namespace {

using test::square;

TEST(Geometry, AreaSubtractsHoles) {
    MultiPolygon mp{Polygon{{square(0, 0, 10), square(2, 2, 4)}}, Polygon{{square(20, 0, 3)}}};
    EXPECT_DOUBLE_EQ(area(mp), 100 - 16 + 9);
}

TEST(Geometry, ContainsRespectsHolesAndParts) {
    MultiPolygon mp{Polygon{{square(0, 0, 10), square(2, 2, 4)}}, Polygon{{square(20, 0, 3)}}};
    EXPECT_TRUE(contains(mp, {1, 1}));
    EXPECT_FALSE(contains(mp, {3, 3}));  // in the hole
    EXPECT_TRUE(contains(mp, {21, 1}));  // in the exclave
    EXPECT_FALSE(contains(mp, {15, 5}));
}

TEST(Geometry, ClipToBoxKeepsTheInsidePart) {
    MultiPolygon mp{Polygon{{square(0, 0, 10)}}};
    Box b;
    b.add(Vec2{5, -5});
    b.add(Vec2{20, 5});
    EXPECT_DOUBLE_EQ(area(clip(mp, b)), 25);
    Box far;
    far.add(Vec2{50, 50});
    far.add(Vec2{60, 60});
    EXPECT_TRUE(clip(mp, far).empty());
}

TEST(Geometry, SimplifyDropsCollinearPointsOnly) {
    Ring r;
    for (int i = 0; i < 10; ++i) r.push_back({double(i), 0});
    for (int i = 10; i > 0; --i) r.push_back({10, 10 - double(i)});
    r.push_back({10, 10});
    r.push_back({0, 10});
    const MultiPolygon s = simplify({Polygon{{r}}}, 0.01);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].rings[0].size(), 4u);
    EXPECT_DOUBLE_EQ(area(s), 100);
}

}  // namespace
}  // namespace atlas
