// Projecting the World once per projection change: outlines, triangulated fills and line
// segments at several levels of detail, and label shapes. Depends on core and PROJ.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/facts.hpp"
#include "core/features.hpp"
#include "core/world.hpp"
#include "projection.hpp"

namespace atlas {

// Edges longer than this are split before projecting, so straight lon/lat edges follow the
// projection's curvature (0.25 degree is about 28 km, under a pixel at the region-wide view).
inline constexpr double kDensifyDegrees = 0.25;

// Projects every country, boundary, coast and province edge with `projection` and builds the
// levels of detail: level 0 at full detail, then one level per factor of 2 in scale from
// 1000 m/px, each simplified to 1.5 px at the finest scale it serves. Shared borders are
// simplified once and every country ring keeps exactly the border vertices its lines keep, so
// neighbouring fills and their border line still meet at every level. Triangulation uses odd
// winding (holes and exclaves come out right). Work is split across hardware threads. Points
// PROJ cannot project are dropped with their edges. With only_metres_per_px (an export of one
// view), only the level that scale draws is built.
ProjectedWorld project_world(const World& world, const std::string& projection_id,
                             std::optional<double> only_metres_per_px = std::nullopt);

// Which levels of detail project_world builds (0: full detail, then coarser), in order: all of
// them, or the one that draws at `only_metres_per_px`.
std::vector<int> detail_levels(std::optional<double> only_metres_per_px);

// The article's features for `projection`: each region's lines (and an outline for each place
// known only to an area), the places and capitals as points, and the northern border's lengths.
// `extent` is the map's projected bounds (for the line cells).
MapFeatures project_features(const Facts& facts, const World& world, const std::string& projection_id,
                             const Box& extent);

// The outline of country `country` of `world` for a selection: a region "country:<ISO>" drawn
// around the control areas `areas` (World::areas entries the country holds on the map's day) too,
// as one shape; ProjectedRegion::areas names them.
ProjectedRegion project_country_outline(const World& world, int country, const std::vector<const ControlArea*>& areas,
                                        const Projection& projection, const Box& extent);

// A user's layer for `projection`: its lines and rings as one region (simplified when zoomed out,
// as the article's regions are), its points, each feature's label anchor (a point's position, the
// middle of a line's longest part, a polygon's widest part's centre of bounds) and bounds. Parts
// PROJ cannot project are dropped, as the map's own are.
ProjectedUserLayer project_user_layer(std::shared_ptr<const UserLayer> layer, const Projection& projection,
                                      Rgba colour);

// A region of lines already in map metres (a presenter's drawing in an export), drawn at full
// detail at every scale.
ProjectedRegion region_of_map_lines(std::string id, std::vector<Polyline> lines);

}  // namespace atlas
