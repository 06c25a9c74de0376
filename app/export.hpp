// Rendering a view offscreen and writing it as a PNG: used by `--export` (headless, EGL) and by
// the window's Export button (the window's own context). Wiring only: no drawing of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/decorations.hpp"
#include "core/frame.hpp"
#include "geo/model.hpp"
#include "render/renderer.hpp"

namespace atlas {

// PNG text keys under which an export records its view (read back by --view-from).
inline constexpr const char* kPngViewKey = "ca-atlas view";
inline constexpr const char* kPngProjectionKey = "ca-atlas projection";
inline constexpr const char* kPngDateKey = "ca-atlas date";
inline constexpr const char* kPngSelectedKey = "ca-atlas selected";

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

// What an exported figure has besides the map: its decorations (title, legend, scale bar,
// attribution, citation, caption) and the print resolution it is meant for (0: none stated),
// recorded in the file (PNG pHYs, TIFF resolution tags).
struct Figure {
    Decorations decorations;
    double dpi = 0;
};

// Data sources and the article, in one line: the attribution every figure can carry.
inline constexpr const char* kAttribution =
    "Borders: Natural Earth 1:10m (public domain) | facts and their sources: ca-atlas geodata | text: "
    "A. Iskandarov, Central Asia and the Caucasus 14 (2), 2013";

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

// The decorations of `choice` for the figure of `state` (its camera sized to the image): the
// legend lists the classes of the countries in view on the state's day, the scale bar is measured
// at the view's centre. Needs the model's world and article. Throws UsageError for a caption
// passage the article does not have.
Decorations decorations_for(const MapModel& model, const AppState& state, const FigureChoice& choice);

// Receives `rows` consecutive RGBA rows of the image (top to bottom, width*4 bytes each).
using RowSink = std::function<void(const std::uint8_t* rgba, int rows)>;

// Renders `frame` as a width x height image in horizontal bands of about 2^18 pixels (1 MiB of
// GPU memory whatever the image size) and hands each band, top first, to `sink`. The sink of one
// band runs on a worker thread while the next band renders. Images wider than the GPU's
// framebuffer limit (or than max_tile, if given) are drawn in tiles across each band. Throws
// GlError if the GPU refuses, or whatever the sink throws.
void render_bands(Renderer& renderer, const Frame& frame, int width, int height, const RowSink& sink, int max_tile = 0);

// The whole image of `state` (camera sized to the image) as RGBA, top row first.
std::vector<std::uint8_t> render_offscreen(Renderer& renderer, const MapModel& model, const AppState& state,
                                           const TextMeasure& measure, const Figure& figure = {});

// Renders `state` and streams it into a PNG at `path`, written atomically.
// Throws GlError or OutputError; on failure no file is left at `path`.
// A GeoTIFF of the view (RGB, deflate): the projection's CRS and the view's georeferencing, so the
// image opens in place in a GIS; the view recorded as metadata like a PNG's. Written to a
// temporary name and renamed once complete.
void export_geotiff(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                    const std::string& path, const Figure& figure = {});

// The formats an export writes, chosen by the name's extension (any case).
enum class ExportFormat { Png, GeoTiff, Svg, Pdf };
// The format of `path`: .png, .tif or .tiff, .svg, .pdf. Throws UsageError naming the file and the
// extensions the atlas writes for any other name (a .jpg is refused, never PNG bytes under it).
ExportFormat export_format(const std::string& path);

// Whether `path` names a vector file (.svg, .pdf, any case): drawn without GL (app/vector.hpp).
bool is_vector_path(const std::string& path);
// export_svg or export_pdf by the path's extension (PDF unless it is .svg).
void export_vector(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                   const Figure& figure = {});

// export_png, export_geotiff, export_svg or export_pdf by export_format(path) (which throws
// UsageError for a name it does not know). The vector formats need the model's projected
// geometry and region lines (the renderer is not used for them).
void export_image(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                  const std::string& path, const Figure& figure = {});

void export_png(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                const std::string& path, const Figure& figure = {});

// The heading of scene `index` (from 0) of `count`, on a slide and in the presentation:
// "3 / 10   Afghanistan's northern border".
std::string scene_heading(size_t index, size_t count, const std::string& title);

// The presentation's caption of scene `index` of the model's tour for a width x height screen:
// its heading, its passage quoted and where it is from, in the projector's style, at `scale` (the
// screen's height / 1080, at least 1), as a frame holding only those panels and their text, with
// covered_bottom_px the rows under the band. The same layout as a slide's caption, drawn by the
// map's renderer in the label font at its exact size.
Frame presentation_caption(const MapModel& model, size_t index, int width, int height, const TextMeasure& measure,
                           float scale);

// The presentation's frame of `state` under `caption` (from presentation_caption, for the same
// size): the map, with no label or symbol placed under the band and the rows under it not drawn,
// then the caption.
Frame presentation_frame(const MapModel& model, const AppState& state, const TextMeasure& measure,
                         const Frame& caption);

// The frame of an exported figure: the map of `state` and the figure's decorations over it, no
// label or symbol placed under a caption or foot along the bottom.
Frame figure_frame(const MapModel& model, const AppState& state, const TextMeasure& measure, const Figure& figure);

}  // namespace atlas
