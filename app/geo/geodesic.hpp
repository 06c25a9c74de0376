// Geodesic lengths on the WGS84 ellipsoid through PROJ's geodesic routines (Karney's algorithms).
// Depends on core and PROJ.
#pragma once

#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/world.hpp"

namespace atlas {

// Geodesic distance in metres between two lon/lat points (degrees).
double geodesic_distance_m(Vec2 a, Vec2 b);
// Distance in metres and initial bearing in degrees (clockwise from north, 0..360) from a to b.
struct Course {
    double distance_m = 0;
    double bearing_deg = 0;
};
Course geodesic_course(Vec2 a, Vec2 b);

// Sum of the geodesic lengths of the lines' segments, in metres (lon/lat degrees in).
double geodesic_length_m(const std::vector<Polyline>& lines);

// One segment of Afghanistan's northern border: the land boundary with one northern neighbour,
// taken from the boundaries derived from the country polygons.
struct BorderSegment {
    std::string neighbour;  // TJK, UZB or TKM
    const Boundary* boundary = nullptr;
    double length_km = 0;
};

// Afghanistan's boundaries with Turkmenistan, Uzbekistan and Tajikistan, west to east, with their
// geodesic lengths. Throws DataError if one of them is missing from `world`.
std::vector<BorderSegment> afghanistan_northern_border(const World& world);

}  // namespace atlas
