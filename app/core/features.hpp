// The article's features drawn over the map: its regions (Afghanistan's northern border, Afghan
// Badakhshan, Balkh, ...), the places it names as symbols (Kant, the exercises, the seats, where
// treaties were signed and summits held), the capitals, and their labels. The projected geometry
// is built by atlas_geo once per projection; this turns it into Frame content for a state. Pure C++.
#pragma once

#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "facts.hpp"
#include "labels.hpp"
#include "style.hpp"
#include "user_layer.hpp"
#include "world.hpp"

namespace atlas {

struct AppState;
struct Frame;
struct FrameLabel;

// A region's lines in map metres, sorted into cells for the renderer.
struct ProjectedRegion {
    std::string id;    // regions.csv id, or "area:<place id>" for a place known only to an area
    std::string name;  // shown as its label
    std::vector<Polyline> lines;
    SegmentLayer layer;  // full detail
    // coarse[i]: simplified to kCoarseRegionMetres * 2^i, drawn from kCoarseRegionMetresPerPx * 2^i
    // out (region_level). Empty: the full detail serves every scale (the graticule).
    std::vector<SegmentLayer> coarse;
    Vec2 anchor;        // where its label goes (map metres)
    std::string areas;  // a country's outline: the control areas it was drawn around ("" none)

    // The lines to draw at this scale (a frame's metres per pixel times its detail bias).
    const SegmentLayer& at_scale(double metres_per_px) const;
};

// Region lines are drawn simplified (to at most two thirds of a pixel) once the view is this far
// out, one level more for each doubling of the scale: at the region-wide view the full-detail
// northern border is thousands of sub-pixel segments, and an organisation's outline (Russia and
// China among its members) tens of thousands.
inline constexpr double kCoarseRegionMetresPerPx = 1500.0;
inline constexpr double kCoarseRegionMetres = 1000.0;
inline constexpr int kCoarseRegionLevels = 4;
// The level of region lines for a scale: -1 for full detail, else an index into ProjectedRegion::coarse.
int region_level(double metres_per_px);

struct ProjectedPlace {
    const Place* place = nullptr;
    Vec2 xy;        // map metres
    int area = -1;  // index into MapFeatures::regions of its area outline (Precision::Area)
};

struct ProjectedCapital {
    std::string country, name;
    Date from;
    std::optional<Date> to;
    Vec2 xy;
};

// A label of a length along Afghanistan's northern border: the published length with its
// source where the data has one ("Tajikistan 1,357 km (CIA World Factbook)"), else the length
// of the line drawn ("Tajikistan 1,145 km").
struct BorderLength {
    std::string text;
    Vec2 xy;                  // the middle of that neighbour's segment
    std::string neighbour;    // ISO alpha-3
    std::string name;         // the neighbour's name on the map
    double drawn_km = 0;      // geodesic length of the map's generalised line
    double published_km = 0;  // 0: none in the data
    std::string source;       // of the published length
};

// For the inspector and the exports: one line per segment of Afghanistan's northern border among
// `boundaries` ("AFG-TJK"; all of them when empty) giving the published length with its source
// and the length of the line drawn, then why the two differ. Empty if no segment is known.
std::vector<std::string> border_length_notes(const std::vector<BorderLength>& lengths,
                                             const std::vector<std::string>& boundaries = {});

struct MapFeatures {
    std::vector<ProjectedRegion> regions;
    std::vector<ProjectedPlace> places;
    std::vector<ProjectedCapital> capitals;
    std::vector<BorderLength> border_lengths;
    int northern_border = -1;  // index into regions
    // Graticules every 10, 5 and 1 degrees (indices into regions), the finer ones when zoomed in.
    int graticule[3] = {-1, -1, -1};
    // Index into regions of every region by id: regions.csv ids, "area:<place>", "country:<ISO>".
    std::map<std::string, int> region_index;
    // The user's own layers (--layer, dropped, opened from the panel), in the order opened.
    std::vector<ProjectedUserLayer> user_layers;

    int region(const std::string& id) const {
        const auto it = region_index.find(id);
        return it == region_index.end() ? -1 : it->second;
    }
};

// The graticule's spacing in degrees for a scale (map metres per logical pixel).
int graticule_step_degrees(double logical_metres_per_px);

// The symbol of a kind of place (airbase, exercise, seat, signing, summit; "capital" for capitals).
SymbolShape symbol_for(const std::string& kind);
// A short label for a place: "Kant airbase", "Peace Mission 2012", or the city of a signing.
std::string short_label(const Place& place);
// Whether a place is on the map on `day`: an event from its day on, a seat or base while open.
bool place_shown_on(const Place& place, const Date& day);

// The index in frame.symbols of the symbol under `px` (the last drawn wins), or -1.
int symbol_at(const Frame& frame, Vec2 px);

// The region (of those the frame draws, the article's regions and the northern border, not the
// graticule or a selection) whose line passes within tolerance_px of `px`, or -1.
int region_at(const MapFeatures& features, const Frame& frame, const Camera& camera, Vec2 px, double tolerance_px);

// Places the labels of lower priority than the article's own, given the boxes already taken
// (labels and symbols), and returns them: the country names.
using LowerLabels = std::function<std::vector<FrameLabel>(const std::vector<PlacedLabel>& taken)>;

// Adds the features to `frame` for `state` (its date and layers): region lines, symbols (places
// at one city fanned out around it), and labels that overlap neither each other nor the labels
// already in the frame. `subject` (the names of the countries a scene is about) is placed first,
// clear of the symbols; then the article's features (the northern border's lengths, its regions,
// its places), then `lower` (the other country names), then the capitals. The selection is
// outlined over everything: a region of `features` by its own line, a country and an
// organisation's members by `outlines` (which the frame then holds). No label is placed over a
// box of `covered` (pixels: a legend or title drawn over the map).
void add_features(Frame& frame, const AppState& state, const Style& style, const MapFeatures& features,
                  const TextMeasure& measure, const LowerLabels& lower = {},
                  const std::vector<std::shared_ptr<const ProjectedRegion>>& outlines = {},
                  const LowerLabels& subject = {}, const std::vector<Box>& covered = {});

}  // namespace atlas
