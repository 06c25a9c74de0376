// Camera and viewport maths: map metres <-> screen pixels, pan, zoom about a point.
// Pure C++. Screen pixels have y down, map metres have y up.
#pragma once

#include <array>

#include "geometry.hpp"

namespace atlas {

struct Camera {
    Vec2 centre;                 // map metres at the viewport centre
    double metres_per_px = 1e4;  // map metres per framebuffer pixel
    int width_px = 1280;         // framebuffer size in pixels
    int height_px = 720;

    // Limits of metres_per_px: the whole hemisphere at 1 px per 40 km down to 1 px per 50 m,
    // below which Natural Earth's 1:10m data shows its generalisation.
    static constexpr double kMaxMetresPerPx = 40000.0;
    static constexpr double kMinMetresPerPx = 50.0;

    Vec2 to_screen(Vec2 map) const;
    Vec2 to_map(Vec2 screen) const;
    // Visible map rectangle.
    Box visible() const;
    // Moves the map by a screen-space drag of (dx, dy) pixels.
    void pan_px(double dx, double dy);
    // Multiplies the zoom by factor (>1 zooms in) keeping the map point under screen_px fixed.
    // The factor is clamped so metres_per_px stays within the limits above.
    void zoom_at(Vec2 screen_px, double factor);
    // Column-major 4x4 matrix taking map metres (relative to `origin`) to clip space.
    // Passing an origin near the view keeps float precision on the GPU.
    std::array<float, 16> clip_from_map(Vec2 origin) const;
};

// What the user asked to see, independent of window size: projection, centre and the map
// distance from the top to the bottom of the view. The same View at any pixel size frames
// the same area; that is what makes an export match the window.
struct View {
    double lon = 65.0;
    double lat = 42.0;
    double height_km = 4200.0;
};

// `camera` (its size kept) showing all of `target` (map metres) as large as fits in the part
// `area` of its viewport (framebuffer pixels, y down), `target`'s centre at the area's centre, the
// target taking at most `fill` of the area's width and height (0 < fill <= 1). An empty area is
// the whole viewport; an empty target leaves the camera as it is.
Camera framed_in(Camera camera, const Box& target, Box area, double fill);

// A flight's progress eased in and out (smoothstep): t from 0 to 1, the same at both ends.
double ease_in_out(double t);

// Puts `camera` where a flight from `from` to `to` is at eased progress e (0 to 1): across in a
// straight line, zoomed out on the way, the more for a longer trip against the camera's width,
// and back in. Sets its centre and scale; its size stays.
void fly(Camera& camera, const Camera& from, const Camera& to, double e);

}  // namespace atlas
