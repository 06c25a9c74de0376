// Frame: an immutable description of one picture of the map, built from AppState.
// The GL renderer draws it into a window or an offscreen target; the export and the window
// are built by the same function, so they match. Pure C++.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "annotation.hpp"
#include "camera.hpp"
#include "facts.hpp"
#include "features.hpp"
#include "labels.hpp"
#include "overlay.hpp"
#include "style.hpp"
#include "world.hpp"

namespace atlas {

// Province edges of the article's countries are drawn down to this scale (map metres per
// logical pixel): zoomed out further they merge into grey noise. 6 km per pixel is a little
// wider than the default view.
inline constexpr double kProvinceMaxMetresPerPx = 6000.0;
// Every other country's province edges appear from this scale in: at the region-wide view they
// would bury the story's provinces (Badakhshan, Balkh) under Russia's and China's hundreds of
// districts, and cost a fifth of the frame on software GL.
inline constexpr double kOtherProvinceMaxMetresPerPx = 2500.0;

// While the camera flies (a search result, a scene of the tour), borders are drawn one level of
// detail coarser (simplified to at most 3 px instead of 1.5): nobody reads a coastline moving at
// thousands of pixels a second, and it keeps the flight smooth on software GL (README, Benchmark).
// The flight's last frame is drawn at full detail.
inline constexpr double kFlightDetailBias = 2.0;

struct Layers {
    bool countries = true;        // fills and country borders
    bool provinces = true;        // internal province borders
    bool labels = true;           // country names
    bool memberships = true;      // CSTO / SCO overlays for AppState::date (else the neutral palette)
    bool northern_border = true;  // Afghanistan's northern border, with each neighbour's length
    bool regions = true;          // the regions the article names (Afghan Badakhshan, Balkh)
    bool places = true;           // Kant, exercises, seats, signings, summits (as of the date)
    bool capitals = true;
    bool graticule = true;        // meridians and parallels every 10, 5 or 1 degrees
    friend bool operator==(const Layers&, const Layers&) = default;
};

// Everything the user controls that changes the picture.
struct AppState {
    std::string projection = "albers";
    Camera camera;
    Layers layers;
    float pixel_scale = 1.0f;  // logical-to-framebuffer pixel factor (HiDPI, export scaling)
    Date date = kArticleDate;  // the day the overlays, symbols and legend show
    std::string selected;                   // entity id (ISO code, place, region, organisation) or empty
    std::vector<std::string> selected_members;  // with an organisation selected: its members that day
    std::vector<std::string> user_hidden;       // the user's layers switched off (UserLayer::id)
};

// What an element of a frame shows: one of the Layers, or the selection drawn over them. The
// screen does not need it; the vector exports group their elements by it.
enum class MapLayer : std::uint8_t {
    Countries,
    Provinces,
    Labels,  // the country names
    Memberships,
    NorthernBorder,
    Regions,
    Places,
    Capitals,
    Graticule,
    Selection,
    Drawings,  // a presenter's drawings saved with a scene, in its exports
    User,      // a layer of the user's own: the element's `user` says which
};

// A label's baseline lies this many em below its centre_px: the centre of a capital letter sits
// about 0.36 em above the baseline in DejaVu Sans.
inline constexpr double kLabelBaselineEm = 0.36;

struct FrameLabel {
    std::string text;
    Vec2 centre_px;   // centre of the text box, framebuffer pixels, y down
    TextStyle style;  // sizes already multiplied by the pixel scale
    MapLayer layer = MapLayer::Labels;
    int user = -1;  // MapLayer::User: index into MapFeatures::user_layers
};

// A line layer of MapFeatures::regions drawn over the map, with a halo under it; or, for a
// selection's outline, a region of the frame's own (`own`, region -1), which the frame keeps alive.
struct FrameRegionLine {
    int region = -1;
    LineStyle line, halo;  // scaled to framebuffer pixels
    MapLayer layer = MapLayer::Regions;
    std::shared_ptr<const ProjectedRegion> own;
    int user = -1;  // MapLayer::User: index into MapFeatures::user_layers
};

// The polygons of a user's layer, filled in its colour with kUserFillAlpha over the countries'
// fills and under the borders.
struct FrameUserFill {
    std::shared_ptr<const UserFills> mesh;  // drawn at the region lines' level of detail
    Rgba colour;
    int user = -1;  // index into MapFeatures::user_layers
};

struct FrameSymbol {
    Vec2 centre_px;
    float size_px = 10.0f;  // framebuffer pixels across
    SymbolShape shape = SymbolShape::Circle;
    Rgba fill, outline;
    float outline_px = 1.5f;
    bool hollow = false;  // location known only to an area: an outline, not a solid mark
    int place = -1;       // index into MapFeatures::places (-1: a capital, or a user's dot)
    MapLayer layer = MapLayer::Places;
    int user = -1;     // MapLayer::User: index into MapFeatures::user_layers
    int feature = -1;  // MapLayer::User: the feature of that layer
};

// A box drawn over the map (a decoration's panel, a legend swatch, a scale bar's part): opaque,
// in image pixels (y down), with a membership pattern over it when hatch's alpha names one.
struct FramePanel {
    Vec2 min_px, max_px;
    Rgba fill;
    Rgba hatch{0, 0, 0, 0};  // colour, with the Hatch kind in alpha (0: none)
};

struct Frame {
    Camera camera;
    Rgba background;
    bool draw_fills = true;
    // The level of detail is chosen for camera.metres_per_px times this: above 1, a coarser one
    // (kFlightDetailBias while the camera flies).
    double detail_bias = 1.0;
    // Rows at the bottom of the image hidden under something opaque (the presentation's caption):
    // left undrawn, which spares a third of a software renderer's pixels. 0 for exports.
    int covered_bottom_px = 0;
    // One per fill unit (World::countries, then World::areas), each area as its owner on the day.
    std::vector<Rgba> country_fill;
    // The land in its own colours (the neighbour palette), one per fill unit as country_fill: what
    // country_fill is with the memberships off. The vector exports draw it in the countries' layer
    // under the memberships' layer, so hiding the memberships there shows the land, not the sea.
    std::vector<Rgba> land_fill;
    // One per fill unit: hatch colour, with the Hatch kind in alpha (0: none).
    std::vector<Rgba> country_hatch;
    // Per World::areas entry: its edge is drawn as a border (another country controls the area on
    // the day) or, if false, as a province edge (with draw_other_province_lines).
    std::vector<bool> area_edge_is_border;
    float hatch_period_px = 7.0f;  // framebuffer pixels
    bool draw_country_lines = true;
    LineStyle country_line;  // scaled to framebuffer pixels
    LineStyle country_halo{{0, 0, 0, 0}, 0.0f};  // under country_line over the memberships (0 wide: none)
    LineStyle coast_line;
    bool draw_province_lines = true;        // the article's countries
    bool draw_other_province_lines = true;  // every other country
    LineStyle province_line;
    std::vector<FrameLabel> labels;
    std::vector<FrameRegionLine> region_lines;
    std::vector<FrameSymbol> symbols;
    std::vector<int> user_layers;  // the user's layers drawn (indices into MapFeatures::user_layers)
    std::vector<FrameUserFill> user_fills;
    // Decorations of an exported figure (title, legend, scale bar, caption ...: decorations.hpp),
    // drawn over everything else in order: the panels, then their text.
    std::vector<FramePanel> panels;
    std::vector<FrameSymbol> panel_symbols;  // over the panels, under their text: a legend's marks
    std::vector<FrameLabel> panel_labels;
};

// The same view for a target of width x height pixels: same centre, the same map height from
// top to bottom, line widths and text scaled by the ratio of the heights. This is how an export
// of any size matches the window it was made from.
AppState rescaled(const AppState& state, int width, int height);

// Candidates for country labels, in World::countries order, with the Central Asian states and
// Afghanistan given priority over larger neighbours. `projected` must outlive the result.
std::vector<LabelCandidate> country_label_candidates(const World& world, const ProjectedWorld& projected);

// What a frame can show besides the map itself, computed by the caller for AppState::date.
struct FrameExtras {
    const OverlayPaint* overlay = nullptr;  // membership paint (with Layers::memberships)
    const MapFeatures* features = nullptr;  // the article's regions, places and capitals
    // The selection's outlines (a country, an organisation's members of the day), drawn over
    // everything else (MapModel::selection_outlines).
    std::vector<std::shared_ptr<const ProjectedRegion>> selection_outlines;
    // Rows at the bottom of the image under a band (the presentation's caption, a figure's caption
    // and foot): no label or symbol is placed there, so none is cut by the band's edge and a
    // country's name goes to the part of it that shows.
    int covered_bottom_px = 0;
    // Boxes of the image (pixels) that panels cover elsewhere (a legend, a title): no label is
    // placed over them, so none is cut by a panel's edge.
    std::vector<Box> covered;
    // Per World::areas entry on the day: the index of the country that controls it (-1: unknown,
    // left unfilled), and whether its edge is a border then.
    std::vector<int> area_owner;
    std::vector<bool> area_edge_is_border;
    // The countries (World::countries indices) the view is about, named whatever else crowds
    // them: the selected country, an organisation's members and suspended members of the day, a
    // scene's highlighted countries.
    std::vector<size_t> subject;
};

// Builds the frame for `state`. `colours` gives a palette index per country (see palette.hpp).
Frame build_frame(const AppState& state, const Style& style, const std::vector<int>& colours,
                  const std::vector<LabelCandidate>& label_candidates, const TextMeasure& measure,
                  const FrameExtras& extras = {});

// One row of the symbols' legend: a mark as the map draws it and what it stands for.
struct SymbolKey {
    SymbolShape shape = SymbolShape::Circle;
    Rgba fill, outline;
    bool hollow = false;
    std::string meaning;  // "a joint military exercise"
};

// The kinds of symbol the frame shows inside its image, each once, in a fixed order (the airbase,
// exercises, seats, signings, summits, places known only to an area, capitals); the selection's
// ring is not a kind, nor a dot of the user's own layer. What a student needs to read the marks on
// the map.
std::vector<SymbolKey> symbols_in_view(const Frame& frame);

// A scene's drawings as an export draws them, with the map's own means: each shape's strokes in
// map metres (for the caller to make into a region line of layer Drawings) with its ink and its
// dark rim, and each text as a label with a halo, as the presentation draws them on a screen of
// the same height. An arrow's head is filled by a fan of strokes from its tip.
struct InkStroke {
    std::vector<Polyline> lines;  // map metres
    LineStyle line, rim;          // framebuffer pixels
};
struct SceneInk {
    std::vector<InkStroke> strokes;
    std::vector<FrameLabel> texts;
};
// `shapes`: annotations_on_screen of the drawings for `camera` at the export's pixel scale.
SceneInk ink_for_export(const std::vector<ScreenShape>& shapes, const Camera& camera, const TextMeasure& measure);

}  // namespace atlas
