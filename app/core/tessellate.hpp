// Polygon triangulation by ear clipping (holes bridged into the outer ring, z-order hashing for
// large rings, and fallbacks for self-touching rings). Pure C++.
#pragma once

#include <vector>

#include "geometry.hpp"

namespace atlas {

// Appends the vertices of every ring of mp to xy (x0, y0, x1, y1, ...) and the triangles that
// cover mp to indices (three per triangle, indexing into xy counted from its first vertex, so
// callers offset them). Holes and separate parts come out right; degenerate rings add nothing.
void triangulate(const MultiPolygon& mp, std::vector<double>& xy, std::vector<unsigned>& indices);

}  // namespace atlas
