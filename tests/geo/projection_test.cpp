// Projections against PROJ's own command-line tool, cs2cs, and inverse round trips.
#include "geo/projection.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "geo/model.hpp"

namespace atlas {
namespace {

constexpr double kMetreTolerance = 1.0;     // m, the bound against cs2cs
constexpr double kDegreeTolerance = 1e-7;   // deg, inverse round trip

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

TEST(Projection, SwitchingKeepsTheViewCentreAndGroundHeight) {
    const View v{68.77, 38.56, 1500};
    Projection a("albers"), m("mercator");
    const Camera ca = camera_for_view(a, v, 1280, 720);
    const View through_a = view_for_camera(a, ca);
    const Camera cm = camera_for_view(m, through_a, 1280, 720);
    const View through_m = view_for_camera(m, cm);
    EXPECT_NEAR(through_m.lon, v.lon, kDegreeTolerance);
    EXPECT_NEAR(through_m.lat, v.lat, kDegreeTolerance);
    EXPECT_NEAR(through_m.height_km, v.height_km, 1e-6);
    // Mercator inflates distances at 38.56 N by 1/cos(lat): its camera needs more map metres.
    EXPECT_NEAR(cm.metres_per_px / ca.metres_per_px, 1 / std::cos(38.56 * M_PI / 180) / metres_per_ground_km(a, v.lon, v.lat) * 1000,
                0.01);
}

TEST(View, ParsesAndRejects) {
    const View v = parse_view("66.5,40.25,2500");
    EXPECT_DOUBLE_EQ(v.lon, 66.5);
    EXPECT_DOUBLE_EQ(v.lat, 40.25);
    EXPECT_DOUBLE_EQ(v.height_km, 2500);
    EXPECT_EQ(format_view(parse_view(format_view(v))), format_view(v));
    for (const char* bad : {"", "1,2", "1,2,3,4", "a,b,c", "200,40,100", "60,89,100", "60,40,0", "60,40,-5", "60,40,1e9"})
        EXPECT_THROW(parse_view(bad), UsageError) << bad;
}

}  // namespace
}  // namespace atlas
