// Vector pictures of the map (SVG, PDF). One drawing routine, draw_map, turns a Frame and the
// projected geometry into paths and text on a VectorCanvas; the SVG and the PDF writers are two
// canvases, so the formats cannot drift apart. No GL: the geometry is the ProjectedWorld's and the
// MapFeatures' (the level of detail and line cells the renderer would draw), styles the Frame's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/quiz.hpp"
#include "core/frame.hpp"
#include "export/figure.hpp"
#include "geo/model.hpp"

namespace atlas {

// Subpaths in image pixels (y down); closed ones are rings (filled even-odd).
struct VectorPath {
    std::vector<std::vector<Vec2>> parts;
    bool closed = false;
    bool empty() const { return parts.empty(); }
};

// The SCO family's pattern over a fill: repeats every period_px along x and y, anchored to the map.
struct HatchPattern {
    Hatch kind = Hatch::None;
    Rgba colour;
    double period_px = 8;
    double width_px = 1;  // across the lines, or the dots' radius (hatch_width_px)
    Vec2 origin_px;       // the image pixel where a tile's top-left corner lies
    friend bool operator==(const HatchPattern&, const HatchPattern&) = default;
};

// One tile of a pattern, in tile pixels [0, period_px]^2: lines to stroke width_px wide, or dots
// to fill. What lies outside the tile is cut by the tile.
struct HatchTile {
    VectorPath shapes;
    bool filled = false;  // dots: fill; lines: stroke
};
HatchTile hatch_tile(const HatchPattern& pattern);
// The same pattern's lines (not dots) over the whole of `area` (image pixels), to stroke
// width_px wide under a clip: the lines of every tile joined, so no tile edge can show.
VectorPath hatch_lines(const HatchPattern& pattern, const Box& area);

// How a path is painted. Lines have round joins and caps (the screen's lines are capsules).
struct Paint {
    Rgba fill{0, 0, 0, 0};                // alpha 0: not filled
    const HatchPattern* hatch = nullptr;  // over the fill (needs a fill)
    Rgba stroke{0, 0, 0, 0};
    double stroke_px = 0;       // full width; 0: no stroke
    bool stroke_first = false;  // the stroke under the fill (a symbol's outline, a halo)
};

// Where draw_map draws. Implementations: the SVG writer (libxml2) and the Cairo canvas (PDF).
class VectorCanvas {
public:
    virtual ~VectorCanvas() = default;
    // Starts a named group (an Inkscape layer in SVG) that ends at end_layer(); groups do not nest.
    virtual void begin_layer(const std::string& id, const std::string& label) = 0;
    virtual void end_layer() = 0;
    virtual void path(const VectorPath& path, const Paint& paint) = 0;
    // One line of text, horizontally centred on centre_x, baseline at baseline_y, in the labels'
    // font (DejaVu Sans Bold) at style.size_px, over a halo of style.halo_px around the letters.
    virtual void text(const std::string& text, double centre_x, double baseline_y, const TextStyle& style) = 0;
};

// The groups of a vector map, bottom to top: each layer that draws shapes, the selection, then
// the names of each layer that has names (drawn over every line, as on screen).
struct VectorGroup {
    MapLayer layer;
    bool names = false;  // the layer's names rather than its shapes
    std::string id;      // "places", "places-names", "labels" (the country names), "selection"
    std::string label;   // shown by Inkscape: "Places", "Places: names", "Country names"
    // The countries layer's fills ("land", under the memberships), apart from its borders
    // ("countries", over them): hiding the memberships in a viewer shows the land's own colours.
    bool land = false;
    int user = -1;  // a user's layer (index into MapFeatures::user_layers): its lines, points and names
};
// The groups draw_map writes for these layers (and the selection when `selection`, a scene's
// drawings on top when `drawings`), in order.
// `user`: the user's layers drawn (index and name), each a group of its own over the capitals.
std::vector<VectorGroup> vector_groups(const Layers& layers, bool selection, bool drawings = false,
                                       const std::vector<std::pair<int, std::string>>& user = {});

// Draws `frame` (made for `layers`) with `world`'s geometry at the level of detail for the frame's
// scale and `features`' region lines, clipped to the image (0, 0)-(width, height) pixels: the
// water as a background, then one group per vector_groups() entry, each begun even when nothing
// of it is in view, then a figure's decorations (frame.panels and panel_labels), if any, in a
// group "figure".
void draw_map(const Frame& frame, const Layers& layers, const ProjectedWorld& world, const MapFeatures& features,
              VectorCanvas& canvas);


// The SVG of `state` (camera sized to the image) and the figure's decorations, written
// atomically: an Inkscape layer per group, paths, text as <text>. Throws OutputError; on failure
// nothing is left at `path`.
void export_svg(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                const Figure& figure = {});
// The same figure as a one-page PDF (Cairo; text as text in the embedded label font), the page
// 0.75 pt per pixel (96 pixels to the inch), or at the figure's dpi (an A4 export at 300 dpi is an
// A4 page). Throws OutputError; nothing is left on failure.
void export_pdf(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                const Figure& figure = {});

// One page of a handout: a scene's map with its heading and caption.
struct HandoutPage {
    std::string heading;   // "3 / 10  Afghanistan's northern border"
    std::string quote;     // the caption passage, quoted
    std::string citation;  // the article's citation and the passage's place in it
    std::string details;   // the day, projection and view shown, under the map
    Annotations ink;       // the presenter's drawings saved with the scene, on its map
};

// A multi-page PDF on A4 landscape, one page per add_page(), written to a temporary name and
// renamed into place by finish(); destroyed before that, it leaves nothing.
class PdfHandout {
public:
    // Throws OutputError if `path` cannot be written.
    PdfHandout(const std::string& path, const std::string& title);
    ~PdfHandout();
    PdfHandout(const PdfHandout&) = delete;
    PdfHandout& operator=(const PdfHandout&) = delete;

    // Adds a page with the map of `state` (its camera gives the map's shape) and the text.
    void add_page(const MapModel& model, const AppState& state, const TextMeasure& measure, const HandoutPage& page);
    // Completes the file and renames it into place. Throws OutputError.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The quiz's printable sheets (--export-quiz) on pages of page_w x page_h points: a heading, the
// region's map at the atlas's default view without names (which would be answers), and the round's
// questions. The worksheet gives each two lines to write on; the answers give each its answer, the
// passage that teaches it with where it is from, and the note, and mark each place's answer on the
// map with its number and the circle a mark had to fall in. Throws OutputError; a file is written
// under a temporary name and renamed once whole.
void export_quiz_pdf(const MapModel& model, const QuizRound& round, const TextMeasure& measure,
                     const std::string& path, bool answers, double page_w, double page_h);

}  // namespace atlas
