// Camera maths: screen/map round trips, pan, and zoom about the cursor.
#include "core/camera.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace atlas {
namespace {

constexpr double kPixelTolerance = 0.5;  // px, the bound for zoom-about-cursor drift
constexpr double kMetreTolerance = 1e-6; // m

Camera make_camera() {
    Camera c;
    c.centre = {120000.0, -45000.0};
    c.metres_per_px = 2500.0;
    c.width_px = 1920;
    c.height_px = 1080;
    return c;
}

TEST(Camera, ScreenAndMapRoundTrip) {
    const Camera c = make_camera();
    for (Vec2 s : {Vec2{0, 0}, Vec2{1919.5, 1079.5}, Vec2{960, 540}, Vec2{13.25, 1000.75}}) {
        const Vec2 back = c.to_screen(c.to_map(s));
        EXPECT_NEAR(back.x, s.x, 1e-9);
        EXPECT_NEAR(back.y, s.y, 1e-9);
    }
    const Vec2 centre = c.to_map({960, 540});
    EXPECT_NEAR(centre.x, c.centre.x, kMetreTolerance);
    EXPECT_NEAR(centre.y, c.centre.y, kMetreTolerance);
    // Screen y grows downwards, map y upwards.
    EXPECT_GT(c.to_map({960, 0}).y, c.centre.y);
}

TEST(Camera, ZoomKeepsThePointUnderTheCursorFixed) {
    for (Vec2 cursor : {Vec2{10, 20}, Vec2{1900, 1070}, Vec2{333.3, 777.7}, Vec2{960, 540}}) {
        for (double factor : {1.25, 0.8, 3.0, 1.0 / 7.0, 1.0001}) {
            Camera c = make_camera();
            const Vec2 before = c.to_map(cursor);
            c.zoom_at(cursor, factor);
            const Vec2 after_px = c.to_screen(before);
            EXPECT_NEAR(after_px.x, cursor.x, kPixelTolerance) << "factor " << factor;
            EXPECT_NEAR(after_px.y, cursor.y, kPixelTolerance) << "factor " << factor;
            EXPECT_NEAR(c.metres_per_px, 2500.0 / factor, 1e-9);
        }
    }
}

TEST(Camera, ManyZoomStepsStillKeepTheCursorPoint) {
    Camera c = make_camera();
    const Vec2 cursor{1500, 200};
    const Vec2 anchor = c.to_map(cursor);
    for (int i = 0; i < 20; ++i) c.zoom_at(cursor, 1.25);
    for (int i = 0; i < 13; ++i) c.zoom_at(cursor, 0.8);
    const Vec2 px = c.to_screen(anchor);
    EXPECT_NEAR(px.x, cursor.x, kPixelTolerance);
    EXPECT_NEAR(px.y, cursor.y, kPixelTolerance);
}

TEST(Camera, ZoomIsClampedToTheDataLimits) {
    Camera c = make_camera();
    c.zoom_at({960, 540}, 1e9);
    EXPECT_DOUBLE_EQ(c.metres_per_px, Camera::kMinMetresPerPx);
    c.zoom_at({960, 540}, 1e-9);
    EXPECT_DOUBLE_EQ(c.metres_per_px, Camera::kMaxMetresPerPx);
}

TEST(Camera, PanMovesTheMapWithTheDrag) {
    Camera c = make_camera();
    const Vec2 p = c.to_map({500, 500});
    c.pan_px(30, -12);
    const Vec2 s = c.to_screen(p);
    EXPECT_NEAR(s.x, 530, 1e-9);
    EXPECT_NEAR(s.y, 488, 1e-9);
}

TEST(Camera, ClipMatrixMapsTheViewCornersToClipSpace) {
    const Camera c = make_camera();
    const Vec2 origin{100000, -50000};
    const auto m = c.clip_from_map(origin);
    auto clip = [&](Vec2 map) {
        const double x = map.x - origin.x, y = map.y - origin.y;
        return Vec2{m[0] * x + m[12], m[5] * y + m[13]};
    };
    const Box v = c.visible();
    EXPECT_NEAR(clip({v.min_x, v.min_y}).x, -1, 1e-5);
    EXPECT_NEAR(clip({v.min_x, v.min_y}).y, -1, 1e-5);
    EXPECT_NEAR(clip({v.max_x, v.max_y}).x, 1, 1e-5);
    EXPECT_NEAR(clip({v.max_x, v.max_y}).y, 1, 1e-5);
}

TEST(Camera, AFlightLeavesAndArrivesExactlyAndZoomsOutOnTheWay) {
    Camera from = make_camera(), to = make_camera();
    to.centre = {from.centre.x + 3e6, from.centre.y - 1e6};  // 3,160 km away
    to.metres_per_px = from.metres_per_px / 4;
    EXPECT_EQ(ease_in_out(0), 0);
    EXPECT_EQ(ease_in_out(1), 1);
    EXPECT_NEAR(ease_in_out(0.5), 0.5, 1e-12);
    Camera c = from;
    fly(c, from, to, 0);
    EXPECT_NEAR(c.centre.x, from.centre.x, 1e-6);
    EXPECT_NEAR(c.metres_per_px, from.metres_per_px, 1e-9);
    fly(c, from, to, 1);
    EXPECT_NEAR(c.centre.x, to.centre.x, 1e-6);
    EXPECT_NEAR(c.centre.y, to.centre.y, 1e-6);
    EXPECT_NEAR(c.metres_per_px, to.metres_per_px, 1e-9);
    EXPECT_EQ(c.width_px, from.width_px);
    // Half way: half way across, and further out than the scales' geometric mean, the more for a
    // longer trip.
    fly(c, from, to, 0.5);
    EXPECT_NEAR(c.centre.x, from.centre.x + 1.5e6, 1e-6);
    const double mean = std::sqrt(from.metres_per_px * to.metres_per_px);
    EXPECT_GT(c.metres_per_px, 1.5 * mean);
    Camera near = to;
    near.centre = {from.centre.x + 3e5, from.centre.y - 1e5};
    Camera d = from;
    fly(d, from, near, 0.5);
    EXPECT_GT(d.metres_per_px, mean);
    EXPECT_LT(d.metres_per_px, c.metres_per_px);
    // A flight that does not move only zooms, with no bump.
    Camera still = from;
    still.metres_per_px = from.metres_per_px * 2;
    fly(c, from, still, 0.5);
    EXPECT_NEAR(c.metres_per_px, from.metres_per_px * std::sqrt(2.0), 1e-9);
}

// A target framed into part of the viewport is seen whole there, centred, filling it as asked.
TEST(Camera, FramedInPutsTheTargetInThePartOfTheViewportAsked) {
    Camera cam;
    cam.width_px = 1280;
    cam.height_px = 720;
    const Box target{1e6, 2e6, 3e6, 3e6};  // 2000 x 1000 km
    const Box area{700, 0, 1280, 600};     // the right of the window, above a timeline
    const Camera c = framed_in(cam, target, area, 0.8);
    const Vec2 lo = c.to_screen({target.min_x, target.min_y}), hi = c.to_screen({target.max_x, target.max_y});
    EXPECT_NEAR((lo.x + hi.x) / 2, 990, 1e-6);
    EXPECT_NEAR((lo.y + hi.y) / 2, 300, 1e-6);
    EXPECT_NEAR(hi.x - lo.x, 0.8 * 580, 1e-6) << "the wider side fills 80% of the area's width";
    EXPECT_LE(lo.y - hi.y, 0.8 * 600 + 1e-6);
    EXPECT_EQ(c.width_px, 1280);
    // No area: the whole viewport; no target: the camera as it was.
    const Camera whole = framed_in(cam, target, Box{}, 1.0);
    EXPECT_NEAR(whole.to_screen(target.centre()).x, 640, 1e-6);
    EXPECT_NEAR(whole.to_screen(target.centre()).y, 360, 1e-6);
    EXPECT_EQ(framed_in(cam, Box{}, area, 1.0).centre, cam.centre);
}

}  // namespace
}  // namespace atlas
