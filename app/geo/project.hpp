// Projecting the World once per projection change: outlines, triangulated fills, line segments,
// label shapes. Depends on core and PROJ.
#pragma once

#include "core/world.hpp"
#include "projection.hpp"

namespace atlas {

// Edges longer than this are split before projecting, so straight lon/lat edges follow the
// projection's curvature (0.25 degree is about 28 km, under a pixel at the region-wide view).
inline constexpr double kDensifyDegrees = 0.25;

// Projects every country, boundary, coast and province edge with `projection` and triangulates
// the country fills (odd winding: holes and exclaves come out right). Work is split across
// hardware threads. Points PROJ cannot project are dropped with their edges.
ProjectedWorld project_world(const World& world, const std::string& projection_id);

}  // namespace atlas
