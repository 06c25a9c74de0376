// Projections (app/geo/projection.cpp) against PROJ's own command-line tool, cs2cs, and inverse
// round trips. And the presenter's annotations (core) drawn through them: a circle round Kant on
// the tour's Kant scene stays on Kant while the window's camera zooms, and in every projection the
// atlas offers its ring is 30 km from Kant on the WGS84 ellipsoid (measured with PROJ's geodesic
// routines).
#include "geo/projection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/annotation.hpp"
#include "geo/facts_load.hpp"
#include "geo/geodesic.hpp"
#include "geo/model.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

constexpr double kMetreTolerance = 1.0;     // m, the bound against cs2cs
constexpr double kDegreeTolerance = 1e-7;   // deg, inverse round trip
constexpr double kPxTolerance = 1e-6;       // px: the same numbers through the same camera
constexpr double kSphereTolerance = 0.006;  // of the radius: a sphere is within 0.5% of WGS84
const Vec2 kKant{74.8464, 42.8531};         // geodata/places.csv

struct Capital {
    const char* name;
    double lon, lat;
};
// Coordinates of the capitals (city centres, rounded as in common gazetteers).
constexpr Capital kCapitals[] = {
    {"Dushanbe", 68.77, 38.56}, {"Tashkent", 69.2797, 41.3111}, {"Bishkek", 74.5698, 42.8746},
    {"Astana", 71.4491, 51.1694}, {"Ashgabat", 58.3261, 37.9601}, {"Kabul", 69.2075, 34.5553},
};

// Runs cs2cs on one point and returns what it prints (x, y in metres).
Vec2 cs2cs(const ProjectionInfo& p, double lon, double lat) {
    std::string crs = p.crs, cmd;
    char point[64];
    if (crs.rfind("EPSG:", 0) == 0) {
        std::snprintf(point, sizeof point, "%.10f %.10f", lat, lon);  // EPSG:4326 is latitude first
        cmd = "echo '" + std::string(point) + "' | cs2cs -f %.6f EPSG:4326 " + crs;
    } else {
        crs = crs.substr(0, crs.find(" +type=crs"));
        std::snprintf(point, sizeof point, "%.10f %.10f", lon, lat);
        cmd = "echo '" + std::string(point) + "' | cs2cs -f %.6f +proj=longlat +datum=WGS84 +to " + crs;
    }
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return {NAN, NAN};
    char buf[256] = {0};
    const bool got = std::fgets(buf, sizeof buf, f) != nullptr;
    pclose(f);
    Vec2 v{NAN, NAN};
    if (got) std::istringstream(buf) >> v.x >> v.y;
    return v;
}

TEST(Projection, CapitalsMatchCs2cs) {
    for (const auto& info : projections()) {
        Projection proj(info.id);
        for (const auto& c : kCapitals) {
            const Vec2 ours = proj.forward({c.lon, c.lat});
            const Vec2 ref = cs2cs(info, c.lon, c.lat);
            ASSERT_TRUE(std::isfinite(ref.x)) << "cs2cs (package proj-bin) gave no answer for " << info.id;
            EXPECT_NEAR(ours.x, ref.x, kMetreTolerance) << info.id << " " << c.name;
            EXPECT_NEAR(ours.y, ref.y, kMetreTolerance) << info.id << " " << c.name;
        }
    }
}

TEST(Projection, InverseRoundTrip) {
    for (const auto& info : projections()) {
        Projection proj(info.id);
        for (double lon = 20; lon <= 140; lon += 7.5)
            for (double lat = 5; lat <= 78; lat += 6.5) {
                const Vec2 back = proj.inverse(proj.forward({lon, lat}));
                EXPECT_NEAR(back.x, lon, kDegreeTolerance) << info.id;
                EXPECT_NEAR(back.y, lat, kDegreeTolerance) << info.id;
            }
    }
}

TEST(Projection, BatchAndSinglePointAgree) {
    Projection proj("albers");
    double x[3] = {68.77, 69.2797, 30.0}, y[3] = {38.56, 41.3111, 60.0};
    proj.forward(x, y, 3);
    const Vec2 single = proj.forward({30.0, 60.0});
    EXPECT_DOUBLE_EQ(x[2], single.x);
    EXPECT_DOUBLE_EQ(y[2], single.y);
}

TEST(Projection, UnknownProjectionIsAUsageError) {
    try {
        Projection p("gnomonic");
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "unknown projection 'gnomonic' (valid: albers, mercator, equirectangular)");
    }
}

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
