// app/core/features.cpp: the level of detail of region lines.
#include "core/features.hpp"

#include <gtest/gtest.h>

namespace atlas {
namespace {

TEST(RegionLevel, OneLevelCoarserForEachDoublingOfTheScaleFromTheFirst) {
    EXPECT_EQ(region_level(0), -1);
    EXPECT_EQ(region_level(kCoarseRegionMetresPerPx - 1), -1);
    EXPECT_EQ(region_level(kCoarseRegionMetresPerPx), 0);
    EXPECT_EQ(region_level(2 * kCoarseRegionMetresPerPx - 1), 0);
    EXPECT_EQ(region_level(2 * kCoarseRegionMetresPerPx), 1);
    EXPECT_EQ(region_level(4 * kCoarseRegionMetresPerPx), 2);
    EXPECT_EQ(region_level(8 * kCoarseRegionMetresPerPx), kCoarseRegionLevels - 1);
    EXPECT_EQ(region_level(1e9), kCoarseRegionLevels - 1);
}

TEST(RegionLevel, ARegionWithoutCoarseLevelsIsDrawnAtFullDetailAtEveryScale) {
    ProjectedRegion r;
    r.layer.segments = {0, 0, 1, 1};
    EXPECT_EQ(&r.at_scale(1e9), &r.layer);
    r.coarse.resize(2);
    EXPECT_EQ(&r.at_scale(kCoarseRegionMetresPerPx / 2), &r.layer);
    EXPECT_EQ(&r.at_scale(kCoarseRegionMetresPerPx), &r.coarse[0]);
    EXPECT_EQ(&r.at_scale(1e9), &r.coarse[1]);  // the coarsest it has
}

}  // namespace
}  // namespace atlas
