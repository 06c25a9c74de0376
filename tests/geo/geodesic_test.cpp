// Geodesic lengths through PROJ, and Afghanistan's northern border derived from the polygons.
#include "geo/geodesic.hpp"

#include <gtest/gtest.h>

#include <map>

#include "geo/load.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

TEST(Geodesic, KnownDistancesOnTheEllipsoid) {
    // One degree of longitude on the equator is a * pi / 180 on WGS84: 111319.4908 m.
    EXPECT_NEAR(geodesic_distance_m({0, 0}, {1, 0}), 111319.4908, 1e-3);  // m
    // A quarter meridian, equator to pole, is 10001965.729 m on WGS84.
    EXPECT_NEAR(geodesic_distance_m({65, 0}, {65, 90}), 10001965.729, 1e-2);  // m
    EXPECT_NEAR(geodesic_length_m({{{0, 0}, {0.5, 0}, {1, 0}}}), 111319.4908, 1e-3);  // m
}

TEST(Geodesic, AfghanistansNorthernBorderAgainstPublishedLengths) {
    const World w = load_world(test::data_dir());
    const auto border = afghanistan_northern_border(w);
    ASSERT_EQ(border.size(), 3u);
    // Published lengths: CIA World Factbook, "Afghanistan: land boundaries" (Turkmenistan 804 km,
    // Uzbekistan 144 km, Tajikistan 1357 km). The generalised 1:10m lines cut the rivers' meanders,
    // so they must come out shorter, but by no more than a fifth.
    const std::map<std::string, double> published{{"TKM", 804}, {"UZB", 144}, {"TJK", 1357}};
    double total = 0;
    for (const auto& seg : border) {
        const double ratio = seg.length_km / published.at(seg.neighbour);
        EXPECT_LT(ratio, 1.0) << seg.neighbour << " " << seg.length_km << " km";
        EXPECT_GT(ratio, 0.8) << seg.neighbour << " " << seg.length_km << " km";
        total += seg.length_km;
    }
    EXPECT_EQ(border[0].neighbour, "TKM");
    EXPECT_EQ(border[2].neighbour, "TJK");
    EXPECT_GT(total, 0.8 * (804 + 144 + 1357));
}

}  // namespace
}  // namespace atlas
