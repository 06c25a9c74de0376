// Rendering a view offscreen and writing it as a PNG or a GeoTIFF, and choosing the writer by the
// file's name: used by `--export` (headless, EGL), the tour's slides and the window's Export button
// (the window's own context). Wiring only: no drawing of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/decorations.hpp"
#include "core/frame.hpp"
#include "export/export_format.hpp"
#include "export/figure.hpp"
#include "geo/model.hpp"
#include "render/renderer.hpp"

namespace atlas {

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

// How a GeoTIFF's pixels are laid out. An image with a side longer than tile_above_px is stored
// in block_px square tiles with internal overviews (each half the last, averaged, down to one
// block), so that a GIS reads only the tiles and the level it shows; a smaller one in strips.
// 2048 pixels: a GIS's window is at most a screen (1920 or 2560 pixels wide), which shows an image
// of that size whole at about one pixel per pixel, reading all of it anyway: overviews would add a
// third more pixels for nothing. 512: GDAL's COG driver's block, a quarter as many tiles to index
// and read as 256 at about the same size (a 4K map in DEFLATE: 1.53 against 1.51 MB).
struct GeoTiffLayout {
    int tile_above_px = 2048;
    int block_px = 512;
};

// A GeoTIFF of the view (RGB, DEFLATE; RGBA with figure.transparent_sea): the projection's CRS and
// the view's georeferencing, so the image opens in place in a GIS, tiled with overviews as
// `layout` says; the figure's records (figure_records) as metadata items of the default domain,
// as gdalinfo lists them. Written to a temporary name and renamed once complete.
// Throws GlError or OutputError; on failure no file is left at `path`.
void export_geotiff(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                    const std::string& path, const Figure& figure = {}, const GeoTiffLayout& layout = {});

// export_svg or export_pdf by the path's extension (PDF unless it is .svg).
void export_vector(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                   const Figure& figure = {});

// export_png, export_geotiff, export_svg or export_pdf by export_format(path) (which throws
// UsageError for a name it does not know). The vector formats need the model's projected
// geometry and region lines (the renderer is not used for them).
void export_image(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                  const std::string& path, const Figure& figure = {});

// Renders `state` and streams it into a PNG at `path` (RGB; RGBA with figure.transparent_sea),
// written atomically, with the figure's records (figure_records) as text chunks.
// Throws GlError or OutputError; on failure no file is left at `path`.
void export_png(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                const std::string& path, const Figure& figure = {});

}  // namespace atlas
