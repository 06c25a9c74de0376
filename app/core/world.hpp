// The administrative geography the atlas draws, in lon/lat degrees (EPSG:4326, lon first),
// and the same geography projected to map metres. Pure C++: filled by atlas_geo.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "geometry.hpp"
#include "labels.hpp"

namespace atlas {

struct Country {
    std::string iso_a3;  // ISO 3166-1 alpha-3, unique
    std::string name;    // English short name
    std::string note;    // explanation of an oddity for students, may be empty
    MultiPolygon shape;
};

struct Province {
    std::string id;
    std::string name;
    std::string iso_a3;  // owning country
    MultiPolygon shape;
};

// A land boundary shared by two countries, stored once (iso_left < iso_right).
struct Boundary {
    std::string iso_left;
    std::string iso_right;
    std::string name;
    std::vector<Polyline> lines;
};

// Lines owned by one country: its coast, or the edges between its provinces.
struct CountryLines {
    std::string iso_a3;
    std::vector<Polyline> lines;
};

// A province whose control changed (geodata/control.csv): cut out of the country whose geometry
// holds it, and filled, picked and bordered as the country that controls it on the map's day.
// It is a fill unit of its own: ProjectedWorld's per-unit vectors hold the countries first, then
// the areas (unit World::countries.size() + k is areas[k]).
struct ControlArea {
    std::string id;      // the province's id (control.csv's area)
    std::string name;
    std::string holder;  // ISO alpha-3 of the country whose geometry held it
    MultiPolygon shape;
    // The land boundary along it with another country (taken out of World::boundaries): drawn as a
    // border while another country controls the area, as a province edge while `edge_with` does.
    std::vector<Polyline> edge;
    std::string edge_with;
};

struct World {
    std::vector<Country> countries;
    std::vector<ControlArea> areas;
    std::vector<Province> provinces;
    std::vector<Boundary> boundaries;
    std::vector<CountryLines> coastlines;
    std::vector<CountryLines> province_boundaries;

    // Index of the country with this code, or -1.
    int country_index(const std::string& iso_a3) const;
    // The filled units: every country, then every control area.
    size_t fill_units() const { return countries.size() + areas.size(); }
};

// Triangles of filled areas in projected metres: three indices per triangle into vertices.
// feature[i] is the index (into World::countries) that vertex i belongs to; each country's
// triangles are contiguous, country_ranges[c] = {first index, index count}.
struct FillMesh {
    std::vector<float> xy;             // x0, y0, x1, y1, ... (projected metres)
    std::vector<unsigned> feature;     // one per vertex
    std::vector<unsigned> indices;     // triangles
    std::vector<std::array<unsigned, 2>> country_ranges;
};

// A line layer as independent segments (x0, y0, x1, y1 per segment) in projected metres, sorted
// into spatial cells so a view draws only the cells it sees: cells[k] covers segments
// [first, first + count) whose bounding box is bounds.
struct SegmentLayer {
    struct Cell {
        unsigned first = 0, count = 0;
        Box bounds;
    };
    std::vector<float> segments;
    std::vector<Cell> cells;
    size_t count() const { return segments.size() / 4; }
};

// One level of detail: the map simplified for views of at least min_metres_per_px.
struct DetailLevel {
    double min_metres_per_px = 0;
    double tolerance_m = 0;      // Douglas-Peucker tolerance it was simplified with (0: full detail)
    FillMesh fills;
    SegmentLayer border_lines;   // land boundaries, each shared edge once
    SegmentLayer coast_lines;    // coasts and shores
    SegmentLayer province_lines; // internal province edges of the article's countries (focus)
    SegmentLayer other_province_lines;  // internal province edges of every other country
    std::vector<SegmentLayer> area_edges;  // per World::areas entry: its ControlArea::edge
    // Which vertices of ProjectedWorld::countries' rings this level keeps (the border and coast
    // vertices its lines keep), one flag per vertex in the order country, polygon, ring, vertex,
    // from ProjectedWorld::ring_vertex_offset; empty: every vertex (full detail).
    std::vector<bool> ring_kept;
};

// Everything the renderer and the label placer need, for one projection.
struct ProjectedWorld {
    std::string projection;                 // id of the projection used
    // Per fill unit (World::countries, then World::areas; see ControlArea), projected at full detail.
    std::vector<MultiPolygon> countries;
    std::vector<MultiPolygon> label_shapes; // simplified copies used for label placement
    // Per World::countries entry: the pole of inaccessibility of its label shape, found to a 200th
    // of its bounds (country_label_candidates' anchor when the whole country is in view). Made
    // with the rest, and kept in the geometry cache: searching it is most of a start's labelling.
    std::vector<Pole> label_poles;
    std::vector<Box> country_bounds;
    std::vector<DetailLevel> levels;        // levels[0] is full detail; coarser levels follow
    std::vector<size_t> ring_vertex_offset; // per country: its first vertex's flag in ring_kept
    Box bounds;                             // of all countries

    // The level to draw at this scale: the coarsest whose min_metres_per_px it reaches.
    const DetailLevel& level_for(double metres_per_px) const;
};

// Which of `levels` (ordered by min_metres_per_px, each with that member) draws at this scale:
// the coarsest whose min_metres_per_px it reaches, or the first.
template <class Levels>
size_t level_index(const Levels& levels, double metres_per_px) {
    size_t k = 0;
    while (k + 1 < levels.size() && levels[k + 1].min_metres_per_px <= metres_per_px) ++k;
    return k;
}

// Country `c`'s outline at level `lv` of `world`: its rings with only the vertices the level keeps;
// a ring left with fewer than 3 vertices is dropped, and a polygon whose outer ring is dropped goes
// with it. This is what the level's fill mesh was triangulated from, so it meets the level's lines.
MultiPolygon level_shape(const ProjectedWorld& world, const DetailLevel& lv, size_t c);

// The article's subject: the five Central Asian states and Afghanistan (ISO 3166-1 alpha-3).
bool is_focus_country(const std::string& iso_a3);

// Index of the fill unit whose full-detail projected shape contains the map point, or -1: a
// country, or (from World::countries.size() on) a control area, whose country depends on the day
// (MapModel::country_at resolves it).
int country_at(const ProjectedWorld& world, Vec2 map);

}  // namespace atlas
