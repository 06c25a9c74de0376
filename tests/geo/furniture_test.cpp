// The map's furniture (app/geo/furniture.cpp): the scale bar measures, within 1%, the geodesic
// distance it claims, in every projection and at every scale.
#include <gtest/gtest.h>

#include "geo/furniture.hpp"
#include "geo/geodesic.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"

namespace atlas {
namespace {

TEST(ScaleBar, WithinOnePercentOfTheGeodesicDistanceItClaims) {
    int checked = 0;
    for (const char* id : {"albers", "mercator", "equirectangular"}) {
        const Projection proj(id);
        for (const View v : {View{65, 42, 4200}, View{70, 38, 600}, View{50, 55, 2000}, View{80, 30, 150}}) {
            Camera cam = camera_for_view(proj, v, 1600, 900);
            const ScaleBar bar = scale_bar(proj, cam, 200);
            ASSERT_GT(bar.length_px, 0);
            EXPECT_LE(bar.length_px, 200.0);
            EXPECT_GT(bar.length_px, 200.0 / 2.5 - 1);  // 1-2-5 steps: never under 40% of the room
            // The bar laid across the centre of the view measures what it claims on the ground.
            const Vec2 a = proj.inverse(cam.to_map({800 - bar.length_px / 2, 450}));
            const Vec2 b = proj.inverse(cam.to_map({800 + bar.length_px / 2, 450}));
            const double km = geodesic_distance_m(a, b) / 1000;
            EXPECT_NEAR(km, bar.length_km, bar.length_km * 0.01) << id << " view " << format_view(v);
            ++checked;
        }
    }
    EXPECT_EQ(checked, 12);
}

}  // namespace
}  // namespace atlas
