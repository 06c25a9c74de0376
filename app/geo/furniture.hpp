// Map furniture that depends on the projection: the scale bar at the view's centre.
// Depends on core and PROJ (through projection.hpp and geodesic.hpp).
#pragma once

#include <string>

#include "core/camera.hpp"
#include "projection.hpp"

namespace atlas {

struct ScaleBar {
    double length_px = 0;  // framebuffer pixels
    double length_km = 0;  // a round distance: 1, 2 or 5 times a power of ten
    std::string label;     // "500 km"
};

// The longest round distance that fits in max_px, measured along the ground through the view's
// centre (a horizontal line on screen): correct for the projection there, not a constant.
ScaleBar scale_bar(const Projection& projection, const Camera& camera, double max_px);

}  // namespace atlas
