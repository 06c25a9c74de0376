#include "furniture.hpp"

#include <cmath>

#include "geodesic.hpp"

namespace atlas {

ScaleBar scale_bar(const Projection& projection, const Camera& camera, double max_px) {
    ScaleBar bar;
    // Ground metres per pixel along a short horizontal line through the centre of the view.
    const double half = std::max(10.0, max_px / 4);
    const Vec2 c{camera.width_px / 2.0, camera.height_px / 2.0};
    const Vec2 a = projection.inverse(camera.to_map({c.x - half, c.y}));
    const Vec2 b = projection.inverse(camera.to_map({c.x + half, c.y}));
    if (!std::isfinite(a.x) || !std::isfinite(b.x)) return bar;
    const double m_per_px = geodesic_distance_m(a, b) / (2 * half);
    if (!(m_per_px > 0)) return bar;
    const double max_km = max_px * m_per_px / 1000;
    double unit = std::pow(10.0, std::floor(std::log10(max_km)));
    double km = unit;
    for (double f : {2.0, 5.0, 10.0})
        if (unit * f <= max_km) km = unit * f;
    bar.length_km = km;
    bar.length_px = km * 1000 / m_per_px;
    char text[32];
    if (km >= 1000)  // a thousands separator, as the border lengths are written: "1,000 km"
        std::snprintf(text, sizeof text, "%.0f,%03.0f km", std::floor(km / 1000), std::fmod(km, 1000));
    else if (km >= 1)
        std::snprintf(text, sizeof text, "%.0f km", km);
    else
        std::snprintf(text, sizeof text, "%.0f m", km * 1000);
    bar.label = text;
    return bar;
}

}  // namespace atlas
