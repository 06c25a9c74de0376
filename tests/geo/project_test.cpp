// Projected meshes: the triangles cover exactly each country's area (holes and exclaves
// included), lines are present, and long edges follow the projection.
#include "geo/project.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/frame.hpp"
#include "geo/load.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

const World& shipped() {
    static const World w = load_world(test::data_dir());
    return w;
}

double perimeter(const MultiPolygon& mp) {
    double p = 0;
    for (const auto& poly : mp)
        for (const auto& r : poly.rings)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) p += std::hypot(r[i].x - r[j].x, r[i].y - r[j].y);
    return p;
}

std::vector<double> triangle_area_per_country(const FillMesh& m, size_t countries) {
    std::vector<double> area(countries, 0);
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        const unsigned a = m.indices[t], b = m.indices[t + 1], c = m.indices[t + 2];
        EXPECT_EQ(m.feature[a], m.feature[b]);
        EXPECT_EQ(m.feature[a], m.feature[c]);
        const double ax = m.xy[2 * a], ay = m.xy[2 * a + 1];
        const double cross = (m.xy[2 * b] - ax) * (m.xy[2 * c + 1] - ay) - (m.xy[2 * c] - ax) * (m.xy[2 * b + 1] - ay);
        area[m.feature[a]] += std::abs(cross) / 2;
    }
    return area;
}

TEST(Project, TrianglesCoverEachCountryAtEveryLevel) {
    for (const auto& info : projections()) {
        const ProjectedWorld pw = project_world(shipped(), info.id);
        ASSERT_EQ(pw.countries.size(), shipped().countries.size());
        ASSERT_GE(pw.levels.size(), 4u);
        for (size_t k = 0; k < pw.levels.size(); ++k) {
            const DetailLevel& lv = pw.levels[k];
            ASSERT_EQ(lv.fills.indices.size() % 3, 0u);
            ASSERT_EQ(lv.fills.country_ranges.size(), pw.countries.size());
            const auto tri_area = triangle_area_per_country(lv.fills, pw.countries.size());
            for (size_t i = 0; i < pw.countries.size(); ++i) {
                const double expected = area(pw.countries[i]);
                // Full detail: exact up to float rounding of the vertices (1e-4 relative). A
                // simplified level moves each edge by at most its tolerance, so the area changes by
                // at most the perimeter times the tolerance.
                const double allowed = k == 0 ? expected * 1e-4 : perimeter(pw.countries[i]) * lv.tolerance_m;
                EXPECT_NEAR(tri_area[i], expected, allowed) << info.id << " level " << k << " " << shipped().countries[i].iso_a3;
            }
            EXPECT_GT(lv.border_lines.count(), 100u);
            EXPECT_GT(lv.coast_lines.count(), 100u);
            EXPECT_GT(lv.province_lines.count(), 100u);
            EXPECT_GT(lv.other_province_lines.count(), 100u);
            if (k > 0) {
                EXPECT_LT(lv.border_lines.count(), pw.levels[k - 1].border_lines.count()) << "level " << k;
                EXPECT_LT(lv.fills.indices.size(), pw.levels[k - 1].fills.indices.size()) << "level " << k;
                EXPECT_GT(lv.min_metres_per_px, pw.levels[k - 1].min_metres_per_px);
            }
        }
        EXPECT_EQ(&pw.level_for(10.0), &pw.levels[0]);
        EXPECT_EQ(&pw.level_for(1e9), &pw.levels.back());
    }
}

// What the vector exports fill with: each country's outline at a level keeps a vertex of its full
// outline exactly when that vertex lies on no border or coast line of full detail, or on one the
// level keeps; so the outlines meet the level's lines.
TEST(Project, LevelShapesKeepTheVerticesTheirLevelsLinesKeep) {
    const ProjectedWorld pw = project_world(shipped(), "albers");
    using Key = std::pair<float, float>;
    auto ends = [](const DetailLevel& lv) {
        std::set<Key> out;
        for (const SegmentLayer* l : {&lv.border_lines, &lv.coast_lines})
            for (size_t i = 0; i < l->segments.size(); i += 2) out.insert({l->segments[i], l->segments[i + 1]});
        return out;
    };
    const std::set<Key> full = ends(pw.levels[0]);
    EXPECT_TRUE(pw.levels[0].ring_kept.empty());
    size_t dropped_before = 0;
    for (size_t k = 1; k < pw.levels.size(); ++k) {
        const std::set<Key> level = ends(pw.levels[k]);
        size_t kept = 0, dropped = 0;
        for (size_t c = 0; c < pw.countries.size(); ++c) {
            const MultiPolygon shape = level_shape(pw, pw.levels[k], c);
            std::set<Key> in_shape;
            for (const auto& poly : shape)
                for (const auto& ring : poly.rings)
                    for (const Vec2 v : ring) {
                        const Key key{float(v.x), float(v.y)};
                        in_shape.insert(key);
                        EXPECT_TRUE(level.count(key) || !full.count(key)) << "level " << k << " country " << c;
                    }
            for (const auto& poly : pw.countries[c])
                for (const auto& ring : poly.rings)
                    for (const Vec2 v : ring) ++(in_shape.count({float(v.x), float(v.y)}) ? kept : dropped);
        }
        // Each coarser level drops more of the outlines' vertices than the one before.
        EXPECT_GT(dropped, dropped_before) << "level " << k;
        EXPECT_GT(kept, 0u) << "level " << k;
        dropped_before = dropped;
    }
}

TEST(Project, LineCellsHoldEverySegmentOnce) {
    const ProjectedWorld pw = project_world(shipped(), "albers");
    for (const auto& lv : pw.levels)
        for (const SegmentLayer* layer : {&lv.border_lines, &lv.coast_lines, &lv.province_lines, &lv.other_province_lines}) {
            size_t next = 0;
            for (const auto& cell : layer->cells) {
                EXPECT_EQ(cell.first, next);
                for (size_t s = cell.first; s < cell.first + cell.count; ++s) {
                    EXPECT_TRUE(cell.bounds.contains({layer->segments[4 * s], layer->segments[4 * s + 1]}));
                    EXPECT_TRUE(cell.bounds.contains({layer->segments[4 * s + 2], layer->segments[4 * s + 3]}));
                }
                next = cell.first + cell.count;
            }
            EXPECT_EQ(next, layer->count());
        }
}

// The label anchors made with the projected world (and cached with it) are the ones the label
// candidates would search for themselves, each inside its country.
TEST(Project, TheLabelPolesAreTheCandidatesOwnAnchors) {
    const World& w = shipped();
    ProjectedWorld pw = project_world(w, "albers");
    ASSERT_EQ(pw.label_poles.size(), w.countries.size());
    const auto made = country_label_candidates(w, pw);
    pw.label_poles.clear();
    const auto searched = country_label_candidates(w, pw);
    ASSERT_EQ(made.size(), searched.size());
    for (size_t i = 0; i < made.size(); ++i) {
        EXPECT_EQ(made[i].whole.point.x, searched[i].whole.point.x) << w.countries[i].name;
        EXPECT_EQ(made[i].whole.point.y, searched[i].whole.point.y) << w.countries[i].name;
        EXPECT_EQ(made[i].whole.radius, searched[i].whole.radius) << w.countries[i].name;
        EXPECT_GT(made[i].whole.radius, 0.0) << w.countries[i].name;
        EXPECT_TRUE(contains(pw.label_shapes[i], made[i].whole.point)) << w.countries[i].name;
    }
}

TEST(Project, CountryAtAPoint) {
    const ProjectedWorld pw = project_world(shipped(), "albers");
    Projection proj("albers");
    auto at = [&](double lon, double lat) {
        const int c = country_at(pw, proj.forward({lon, lat}));
        return c < 0 ? std::string("water") : shipped().countries[size_t(c)].iso_a3;
    };
    EXPECT_EQ(at(68.77, 38.56), "TJK");  // Dushanbe
    EXPECT_EQ(at(74.57, 42.87), "KGZ");  // Bishkek
    EXPECT_EQ(at(67.0, 48.0), "KAZ");
    EXPECT_EQ(at(63.3, 45.9), "KAB");    // Baikonur, a unit of its own inside Kazakhstan
    EXPECT_EQ(at(51.0, 42.0), "water");  // the middle Caspian
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
