// What an exported figure is besides the map, and what every exported file records about its view:
// shared by the raster writers (export.hpp) and the vector ones (vector.hpp). No GL.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/decorations.hpp"
#include "core/frame.hpp"
#include "core/labels.hpp"
#include "geo/model.hpp"

namespace atlas {

// The keys under which a PNG or GeoTIFF export records its figure (PNG text chunks, GeoTIFF
// metadata items of the default domain), read back by --view-from: the view, projection, date and
// selection, the image's size ("1200x800") and layers (layers_text, or "none"), and what the
// command line asked beyond them (figure_records).
inline constexpr const char* kPngViewKey = "ca-atlas view";
inline constexpr const char* kPngProjectionKey = "ca-atlas projection";
inline constexpr const char* kPngDateKey = "ca-atlas date";
inline constexpr const char* kPngSelectedKey = "ca-atlas selected";
inline constexpr const char* kRecordSizeKey = "ca-atlas size";
inline constexpr const char* kRecordLayersKey = "ca-atlas layers";
inline constexpr const char* kRecordTitleKey = "ca-atlas title";
inline constexpr const char* kRecordDecorationsKey = "ca-atlas decorations";  // decoration_switches
inline constexpr const char* kRecordCaptionKey = "ca-atlas caption";          // a passage id
inline constexpr const char* kRecordDpiKey = "ca-atlas dpi";
inline constexpr const char* kRecordScaleKey = "ca-atlas scale";
inline constexpr const char* kRecordTransparentSeaKey = "ca-atlas transparent sea";  // "yes"
// The user's own layers drawn, one per line: each file's absolute path with the field it is
// labelled by (user_layer_ref: "PATH?label=FIELD").
inline constexpr const char* kRecordUserLayersKey = "ca-atlas user layers";

// The data's sources, as every exported file states them.
inline constexpr const char* kDataNotice =
    "Borders: Natural Earth (public domain). Facts: ca-atlas geodata, sources in each record.";

// What every exported file records about its view (PNG text chunks, GeoTIFF metadata, the SVG's
// title and description, the PDF's title), so that the atlas can open it again there.
struct ViewRecord {
    std::string title;  // "ca-atlas: <view>, <projection>, <date>"
    std::string view, projection, date, selected;
};
ViewRecord view_record(const MapModel& model, const AppState& state);

// Which decorations a figure asks for (the command line's --title, --legend, ... or the window's
// export options).
struct FigureChoice {
    std::string title;  // empty: none
    bool legend = false, scale_bar = false, attribution = false, citation = false;
    std::string caption_passage;  // a passage id: its words quoted along the bottom; empty: none
    std::string caption_heading;  // above the quote (a scene's title); may be empty

    bool any() const {
        return !title.empty() || legend || scale_bar || attribution || citation || !caption_passage.empty();
    }
};

// The switched decorations of `choice` as the command line names them, in this order: "legend
// scale-bar attribution citation" (those that are on; "" for none).
std::string decoration_switches(const FigureChoice& choice);
// Switches on, in `choice`, the decorations named in `text` (decoration_switches' words, separated
// by spaces). False, with the first unknown word in `unknown`, if a word is none of them.
bool parse_decoration_switches(const std::string& text, FigureChoice& choice, std::string& unknown);

// What the command line asked of a figure beyond its view and layers, recorded in the file so
// that --view-from remakes it: its decorations, and its scale where --scale gave one (otherwise
// the scale follows from the size and dpi, as for any export).
struct FigureRequest {
    FigureChoice choice;
    std::optional<float> scale;
};

// What an exported figure has besides the map: its decorations (title, legend, scale bar,
// attribution, citation, caption) and the print resolution it is meant for (0: none stated),
// recorded in the file (PNG pHYs, TIFF resolution tags).
struct Figure {
    Decorations decorations;
    double dpi = 0;
    // A scene's drawings saved with it (a slide's, a handout page's): drawn over the map, under
    // the decorations, as the presentation draws them (layer Drawings).
    Annotations ink;
    // The scale of the decorations (title, legend, caption, ...); 0: the state's pixel_scale, the
    // map's own. A slide's map is labelled larger than its caption (slide_scale).
    float decoration_scale = 0;
    // PNG and GeoTIFF: an alpha channel, transparent where nothing is drawn over the sea (see
    // export.cpp), so that the map lies over another basemap.
    bool transparent_sea = false;
    // What the command line asked for (recorded with the view; nothing: the view, size, layers,
    // dpi and transparency alone are recorded, as for a tour's slide).
    std::optional<FigureRequest> request;
};

// The records a PNG or GeoTIFF export of `state` (its camera sized to the image) with `figure`
// carries, in the order written: kPngViewKey, kPngProjectionKey, kPngDateKey, kPngSelectedKey
// (with a selection), kRecordSizeKey, kRecordLayersKey, kRecordUserLayersKey (with the user's
// layers drawn), kRecordDpiKey (with a dpi),
// kRecordTransparentSeaKey (if so), then with a request its title, decorations, caption and
// scale where given. Numbers in their shortest form that reads back exactly. Needs the model's
// projection.
std::vector<std::pair<std::string, std::string>> figure_records(const MapModel& model, const AppState& state,
                                                                const Figure& figure);

// Data sources and the article, in one line: the attribution every figure can carry.
inline constexpr const char* kAttribution =
    "Borders: Natural Earth 1:10m (public domain) | facts and their sources: ca-atlas geodata | text: "
    "A. Iskandarov, Central Asia and the Caucasus 14 (2), 2013";

// The decorations of `choice` for the figure of `state` (its camera sized to the image): the
// legend lists the classes of the countries in view on the state's day, the scale bar is measured
// at the view's centre. Needs the model's world and article. Throws UsageError for a caption
// passage the article does not have, naming it as `caption_from` gave it ("--caption", or the
// file it was recorded in).
Decorations decorations_for(const MapModel& model, const AppState& state, const FigureChoice& choice,
                            const std::string& caption_from = "--caption");

// The user's layers `frame` draws with a feature in its image, keyed for a legend (a figure's, the
// presentation's, the window's): what kinds of feature each shows there, its colour, its file's name.
std::vector<Decorations::UserLayerKey> user_layer_keys(const MapModel& model, const Frame& frame);

// The heading of scene `index` (from 0) of `count`, on a slide and in the presentation:
// "3 / 10   Afghanistan's northern border".
std::string scene_heading(size_t index, size_t count, const std::string& title);

// The presentation's caption of scene `index` of the model's tour for a width x height screen:
// its heading, its passage quoted and where it is from, in the projector's style, at `scale` (the
// presentation_scale of its height), as a frame holding only those panels and their text, with
// covered_bottom_px the rows under the band. The same layout as a slide's caption, drawn by the
// map's renderer in the label font at its exact size.
Frame presentation_caption(const MapModel& model, size_t index, int width, int height, const TextMeasure& measure,
                           float scale);

// A presentation's caption band holding `caption` (projector style) for a width x height screen,
// laid out as presentation_caption lays out a scene's: the class quiz's question and answer.
Frame presentation_caption_of(Decorations::Caption caption, int width, int height, const TextMeasure& measure,
                              float scale);

// The scale of the presentation's type on a screen `height` pixels high: 1 on 1080 lines, less on
// a 720-line projector (down to a half), more on 4K.
float presentation_scale(int height);
// The presentation's scale of the map's labels, symbols and lines, for the back row (times the
// screen's pixel ratio and interface scale).
inline constexpr float kPresentationScale = 1.5f;
// A slide's map scale: the presentation's on a screen of `height` lines at the usual 96 dpi, so a
// slide reads as the projector shows the scene; grown with the height above 1080 lines (a 4K slide
// is the 1080 one doubled).
float slide_scale(int height);
// The presentation's legend is set this much larger than a figure's, for the back row.
inline constexpr float kPresentationLegendScale = 1.3f;

// The presentation's frame of `state` under `caption` (from presentation_caption, for the same
// size): the map, with no label or symbol placed under the band and the rows under it not drawn,
// then the caption and, with `classes` (the legend's classes of the countries in view on the day),
// a legend bottom left above it: those classes while memberships are shown, and the kinds of mark
// in view.
Frame presentation_frame(const MapModel& model, const AppState& state, const TextMeasure& measure, const Frame& caption,
                         const std::vector<LegendEntry>* classes = nullptr);

// The presenter's drawings `ink` added to `frame` (a map of `camera`) as the exports draw them: in
// the Drawings layer, a rim round each line and a halo round each text, at `scale`.
void add_ink(Frame& frame, const MapModel& model, const Annotations& ink, const Camera& camera, float scale,
             const TextMeasure& measure);

// The frame of an exported figure: the map of `state` and the figure's decorations over it, no
// label or symbol placed under a caption or foot along the bottom.
Frame figure_frame(const MapModel& model, const AppState& state, const TextMeasure& measure, const Figure& figure);

}  // namespace atlas
