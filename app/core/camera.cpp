// Camera maths. Pure C++.
#include "camera.hpp"

#include <algorithm>
#include <cmath>

namespace atlas {

Vec2 Camera::to_screen(Vec2 map) const {
    return {(map.x - centre.x) / metres_per_px + width_px / 2.0, height_px / 2.0 - (map.y - centre.y) / metres_per_px};
}

Vec2 Camera::to_map(Vec2 screen) const {
    return {centre.x + (screen.x - width_px / 2.0) * metres_per_px, centre.y - (screen.y - height_px / 2.0) * metres_per_px};
}

Box Camera::visible() const {
    Box b;
    b.add(to_map({0, 0}));
    b.add(to_map({double(width_px), double(height_px)}));
    return b;
}

void Camera::pan_px(double dx, double dy) {
    centre.x -= dx * metres_per_px;
    centre.y += dy * metres_per_px;
}

void Camera::zoom_at(Vec2 screen_px, double factor) {
    const Vec2 before = to_map(screen_px);
    metres_per_px = std::clamp(metres_per_px / factor, kMinMetresPerPx, kMaxMetresPerPx);
    const Vec2 after = to_map(screen_px);
    centre = centre + (before - after);
}

std::array<float, 16> Camera::clip_from_map(Vec2 origin) const {
    const double sx = 2.0 / (width_px * metres_per_px);
    const double sy = 2.0 / (height_px * metres_per_px);
    const double tx = (origin.x - centre.x) * sx;
    const double ty = (origin.y - centre.y) * sy;
    return {float(sx), 0, 0, 0, 0, float(sy), 0, 0, 0, 0, 1, 0, float(tx), float(ty), 0, 1};
}

double ease_in_out(double t) { return t * t * (3 - 2 * t); }

void fly(Camera& camera, const Camera& from, const Camera& to, double e) {
    camera.centre = from.centre + (to.centre - from.centre) * e;
    const double trip = std::hypot(to.centre.x - from.centre.x, to.centre.y - from.centre.y);
    const double view = std::max(from.metres_per_px, to.metres_per_px) * camera.width_px;
    const double bump = std::log1p(trip / std::max(view, 1.0));
    camera.metres_per_px = std::exp(std::log(from.metres_per_px) * (1 - e) + std::log(to.metres_per_px) * e +
                                    bump * std::sin(M_PI * e));
}

Camera framed_in(Camera camera, const Box& target, Box area, double fill) {
    if (target.empty() || !(target.width() > 0 || target.height() > 0)) return camera;
    if (area.empty() || area.width() < 1 || area.height() < 1) area = Box{0, 0, double(camera.width_px), double(camera.height_px)};
    fill = std::clamp(fill, 0.05, 1.0);
    camera.metres_per_px = std::clamp(std::max(target.width() / (area.width() * fill), target.height() / (area.height() * fill)),
                                      Camera::kMinMetresPerPx, Camera::kMaxMetresPerPx);
    // The target's centre at the area's centre: screen x grows with map x, screen y against map y.
    const Vec2 mid = area.centre();
    camera.centre = {target.centre().x - (mid.x - camera.width_px / 2.0) * camera.metres_per_px,
                     target.centre().y + (mid.y - camera.height_px / 2.0) * camera.metres_per_px};
    return camera;
}

}  // namespace atlas
