// Annotations through the atlas's real projections (PROJ): a circle round Kant on the tour's Kant
// scene stays on Kant while the window's camera zooms, and in every projection the atlas offers
// its ring is 30 km from Kant on the WGS84 ellipsoid (measured with PROJ's geodesic routines).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/annotation.hpp"
#include "geo/facts_load.hpp"
#include "geo/geodesic.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

constexpr double kPxTolerance = 1e-6;       // px: the same numbers through the same camera
constexpr double kSphereTolerance = 0.006;  // of the radius: a sphere is within 0.5% of WGS84
const Vec2 kKant{74.8464, 42.8531};         // geodata/places.csv

TEST(AnnotationOnTheMap, ACircleRoundKantStaysOnKantInEveryProjectionAndZoom) {
    std::vector<DataProblem> problems;
    const auto tour = load_tour(test::data_dir(), problems);
    const auto scene = std::find_if(tour.begin(), tour.end(), [](const Scene& s) { return s.id == "kant"; });
    ASSERT_NE(scene, tour.end());
    std::string error;
    const auto parsed = parse_annotations("circle 74.8464 42.8531 30km", error);
    ASSERT_TRUE(parsed) << error;
    const Annotations& notes = *parsed;
    for (const auto& info : projections()) {
        const Projection proj(info.id);
        const LonLatToMap forward = [&](Vec2 ll) { return proj.forward(ll); };
        Camera cam = camera_for_view(proj, scene->view, 1920, 1080);
        const double first_radius = annotations_on_screen(notes, cam, forward, 1).at(0).radius_px;
        const double first_mpp = cam.metres_per_px;
        for (Vec2 cursor : {Vec2{960, 540}, Vec2{100, 900}, Vec2{1800, 50}}) {
            cam.zoom_at(cursor, 1.7);
            const ScreenShape s = annotations_on_screen(notes, cam, forward, 1).at(0);
            const Vec2 kant = cam.to_screen(proj.forward(kKant));
            EXPECT_NEAR(s.anchor_px.x, kant.x, kPxTolerance) << info.id;
            EXPECT_NEAR(s.anchor_px.y, kant.y, kPxTolerance) << info.id;
            EXPECT_NEAR(s.radius_px, first_radius * first_mpp / cam.metres_per_px, 1e-6 * s.radius_px) << info.id;
            // Every point of the ring, taken back to lon/lat through PROJ, is 30 km from Kant.
            for (const auto& line : s.lines)
                for (Vec2 p : line) {
                    const Vec2 ll = proj.inverse(cam.to_map(p));
                    EXPECT_NEAR(geodesic_distance_m(kKant, ll), 30000, 30000 * kSphereTolerance) << info.id;
                }
        }
    }
}

}  // namespace
}  // namespace atlas
