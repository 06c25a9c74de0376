// PROJ's geodesic.h (geod_inverse) on the WGS84 ellipsoid.
#include "geodesic.hpp"

#include <geodesic.h>

#include "core/errors.hpp"

namespace atlas {

namespace {
const geod_geodesic& wgs84() {
    // WGS84: semi-major axis 6378137 m, flattening 1/298.257223563.
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, 6378137.0, 1 / 298.257223563);
        return init;
    }();
    return g;
}
}  // namespace

double geodesic_distance_m(Vec2 a, Vec2 b) {
    double s12 = 0;
    geod_inverse(&wgs84(), a.y, a.x, b.y, b.x, &s12, nullptr, nullptr);
    return s12;
}

Course geodesic_course(Vec2 a, Vec2 b) {
    double s12 = 0, azi1 = 0, azi2 = 0;
    geod_inverse(&wgs84(), a.y, a.x, b.y, b.x, &s12, &azi1, &azi2);
    return {s12, azi1 < 0 ? azi1 + 360 : azi1};
}

double geodesic_length_m(const std::vector<Polyline>& lines) {
    double total = 0;
    for (const auto& l : lines)
        for (size_t i = 0; i + 1 < l.size(); ++i) total += geodesic_distance_m(l[i], l[i + 1]);
    return total;
}

std::vector<BorderSegment> afghanistan_northern_border(const World& world) {
    std::vector<BorderSegment> out;
    for (const char* iso : {"TKM", "UZB", "TJK"}) {  // west to east along the Amu Darya and the Panj
        const Boundary* found = nullptr;
        for (const auto& b : world.boundaries)
            if ((b.iso_left == "AFG" && b.iso_right == iso) || (b.iso_right == "AFG" && b.iso_left == iso)) found = &b;
        if (!found) throw DataError(std::string("the data has no boundary between Afghanistan and ") + iso);
        out.push_back({iso, found, geodesic_length_m(found->lines) / 1000});
    }
    return out;
}

}  // namespace atlas
