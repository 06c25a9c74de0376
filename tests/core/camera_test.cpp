// Camera maths: screen/map round trips, pan, and zoom about the cursor.
#include "core/camera.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace atlas
