// Plain geometry types shared by every layer of the atlas: points, rings, polygons, boxes.
// Pure C++: must not depend on GDAL, PROJ, GL or any UI code.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace atlas {

struct Vec2 {
    double x = 0.0;
    double y = 0.0;
    friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
    friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
    friend Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
    friend bool operator==(Vec2 a, Vec2 b) = default;
};

// A closed ring without the repeated closing point.
using Ring = std::vector<Vec2>;
// A polyline, open.
using Polyline = std::vector<Vec2>;

// rings[0] is the outer ring, the rest are holes.
struct Polygon {
    std::vector<Ring> rings;
};
using MultiPolygon = std::vector<Polygon>;

struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const { return min_x > max_x || min_y > max_y; }
    double width() const { return max_x - min_x; }
    double height() const { return max_y - min_y; }
    Vec2 centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
    void add(Vec2 p) {
        min_x = std::min(min_x, p.x);
        min_y = std::min(min_y, p.y);
        max_x = std::max(max_x, p.x);
        max_y = std::max(max_y, p.y);
    }
    void add(const Box& b) {
        if (b.empty()) return;
        add(Vec2{b.min_x, b.min_y});
        add(Vec2{b.max_x, b.max_y});
    }
    bool intersects(const Box& b) const {
        return !(b.min_x > max_x || b.max_x < min_x || b.min_y > max_y || b.max_y < min_y);
    }
    bool contains(Vec2 p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
};

// Bounding box of every vertex of a multipolygon.
Box bounds(const MultiPolygon& mp);
// Bounding box of a set of polylines.
Box bounds(const std::vector<Polyline>& lines);

// Even-odd point-in-polygon test over all rings of all parts.
bool contains(const MultiPolygon& mp, Vec2 p);

// Shortest distance from p to any ring edge of mp (unsigned).
double distance_to_edges(const MultiPolygon& mp, Vec2 p);

// Signed area of a ring (positive when counter-clockwise in a y-up frame).
double signed_area(const Ring& r);

// Area of a multipolygon: outer rings minus holes (absolute values).
double area(const MultiPolygon& mp);

// Clips every ring of mp to box (Sutherland-Hodgman per ring). Rings that vanish are dropped.
// The result is fit for area and inside tests, not for drawing (clipped edges run along the box).
MultiPolygon clip(const MultiPolygon& mp, const Box& box);

// Douglas-Peucker simplification of each ring with tolerance tol (same units as the coordinates).
// Rings reduced below 3 points are dropped; a polygon whose outer ring vanishes is dropped.
MultiPolygon simplify(const MultiPolygon& mp, double tol);

// Douglas-Peucker simplification of an open polyline (its two ends are always kept).
Polyline simplify(const Polyline& line, double tol);
// The same decision as a mask: keep[i] is true for the vertices simplify() keeps.
std::vector<bool> simplify_mask(const Polyline& line, double tol);

}  // namespace atlas
