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

// Renders `state` and streams it into a PNG at `path`, written atomically.
// Throws GlError or OutputError; on failure no file is left at `path`.
// A GeoTIFF of the view (RGB, deflate): the projection's CRS and the view's georeferencing, so the
// image opens in place in a GIS; the view recorded as metadata like a PNG's. Written to a
// temporary name and renamed once complete.
void export_geotiff(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                    const std::string& path, const Figure& figure = {});

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

}  // namespace atlas
