// Projected meshes: the triangles cover exactly each country's area (holes and exclaves
// included), lines are present, and long edges follow the projection.
#include "geo/project.hpp"

#include <gtest/gtest.h>

#include "geo/load.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

const World& shipped() {
    static const World w = load_world(test::data_dir());
    return w;
}

TEST(Project, TrianglesCoverEachCountryExactly) {
    for (const auto& info : projections()) {
        const ProjectedWorld pw = project_world(shipped(), info.id);
        ASSERT_EQ(pw.countries.size(), shipped().countries.size());
        std::vector<double> tri_area(pw.countries.size(), 0);
        const auto& m = pw.fills;
        ASSERT_EQ(m.indices.size() % 3, 0u);
        for (size_t t = 0; t < m.indices.size(); t += 3) {
            const unsigned a = m.indices[t], b = m.indices[t + 1], c = m.indices[t + 2];
            ASSERT_EQ(m.feature[a], m.feature[b]);
            ASSERT_EQ(m.feature[a], m.feature[c]);
            const double ax = m.xy[2 * a], ay = m.xy[2 * a + 1];
            const double cross = (m.xy[2 * b] - ax) * (m.xy[2 * c + 1] - ay) - (m.xy[2 * c] - ax) * (m.xy[2 * b + 1] - ay);
            tri_area[m.feature[a]] += std::abs(cross) / 2;
        }
        for (size_t i = 0; i < pw.countries.size(); ++i) {
            const double expected = area(pw.countries[i]);
            // Vertices are stored as float on the GPU: 1e-4 relative covers their rounding.
            EXPECT_NEAR(tri_area[i], expected, expected * 1e-4) << info.id << " " << shipped().countries[i].iso_a3;
        }
        EXPECT_GT(pw.border_lines.count(), 1000u);
        EXPECT_GT(pw.coast_lines.count(), 1000u);
        EXPECT_GT(pw.province_lines.count(), 1000u);
        EXPECT_EQ(pw.boundary_first.size(), shipped().boundaries.size());
    }
}

TEST(Project, LongEdgesAreDensified) {
    World w;
    w.countries.push_back({"AAA", "Test", "", {Polygon{{{{40, 40}, {80, 40}, {80, 50}, {40, 50}}}}}});
    const ProjectedWorld pw = project_world(w, "albers");
    // 40 degrees of longitude at 0.25 degree steps on each long side, 10 degrees on each short side.
    EXPECT_EQ(pw.countries[0][0].rings[0].size(), size_t(2 * 160 + 2 * 40));
    // In a conic projection a parallel is an arc, bending away from the chord between its ends by
    // far more than a pixel; the densified ring follows the arc through its projected midpoint.
    Projection proj("albers");
    const Vec2 a = proj.forward({40, 50}), b = proj.forward({80, 50}), mid = proj.forward({60, 50});
    EXPECT_LT(mid.y, (a.y + b.y) / 2 - 10000);  // more than 10 km
    bool on_arc = false;
    for (Vec2 v : pw.countries[0][0].rings[0]) on_arc |= std::hypot(v.x - mid.x, v.y - mid.y) < 1.0;  // 1 m
    EXPECT_TRUE(on_arc);
}

}  // namespace
}  // namespace atlas
