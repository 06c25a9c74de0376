// Offscreen rendering in bands, and PNG export on top of it.
#include "export.hpp"

#include <algorithm>
#include <cstring>
#include <future>

#include "core/style.hpp"
#include "geo/raster.hpp"

namespace atlas {

namespace {
// Pixels per band: 2^19 RGBA pixels is 2 MiB for the target and 2 MiB per read-back buffer
// (smaller bands lowered a 4K export's peak memory and were no slower; see README, Benchmark).
constexpr long long kBandPixels = 1 << 19;
}  // namespace

void render_bands(Renderer& renderer, const Frame& frame, int width, int height, const RowSink& sink) {
    const int band = int(std::clamp<long long>(kBandPixels / std::max(width, 1), 1, height));
    OffscreenTarget target(width, band);
    std::vector<std::uint8_t> buffers[2];
    std::future<void> pending;
    int index = 0;
    try {
        for (int y = 0; y < height; y += band, index ^= 1) {
            const int rows = std::min(band, height - y);
            target.bind();
            // The last band may be shorter: draw the image shifted so its rows land at the
            // bottom of the target, which is where GL's rows start.
            renderer.draw(frame, width, band, {0, double(y - (band - rows))});
            auto& buf = buffers[index];
            if (pending.valid()) pending.get();  // the sink is done with this buffer's last band
            target.read_bottom_rows(rows, buf);
            pending = std::async(std::launch::async, [&sink, &buf, rows] { sink(buf.data(), rows); });
        }
        if (pending.valid()) pending.get();
    } catch (...) {
        if (pending.valid()) pending.wait();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        throw;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::vector<std::uint8_t> render_offscreen(Renderer& renderer, const MapModel& model, const AppState& state,
                                           const TextMeasure& measure) {
    const Frame frame =
        build_frame(state, Style{}, model.colours, model.label_candidates, measure, model.extras(state, Style{}));
    std::vector<std::uint8_t> image;
    image.reserve(size_t(state.camera.width_px) * size_t(state.camera.height_px) * 4);
    render_bands(renderer, frame, state.camera.width_px, state.camera.height_px,
                 [&](const std::uint8_t* rgba, int rows) {
                     image.insert(image.end(), rgba, rgba + size_t(rows) * size_t(state.camera.width_px) * 4);
                 });
    return image;
}

void export_png(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                const std::string& path) {
    const int w = state.camera.width_px, h = state.camera.height_px;
    if (w > max_framebuffer_size())
        throw GlError("image size " + std::to_string(w) + "x" + std::to_string(h) + " exceeds this GPU's limit of " +
                      std::to_string(max_framebuffer_size()) + " pixels per side");
    // zlib level 1: see README, Design (flat map colours compress nearly as well as at level 6).
    // The view goes into the file, so that the atlas can open it again where it was (--view-from).
    std::vector<std::pair<std::string, std::string>> text{
        {"Software", "ca-atlas"},
        {kPngViewKey, format_view(view_for_camera(*model.projection, state.camera))},
        {kPngProjectionKey, model.projection->info().id},
        {kPngDateKey, state.date.str()},
        {"Copyright", "Borders: Natural Earth (public domain). Facts: ca-atlas geodata, sources in each record."},
    };
    if (!state.selected.empty()) text.push_back({kPngSelectedKey, state.selected});
    PngWriter png(path, w, h, 1, text);
    const Frame frame =
        build_frame(state, Style{}, model.colours, model.label_candidates, measure, model.extras(state, Style{}));
    render_bands(renderer, frame, w, h, [&](const std::uint8_t* rgba, int rows) { png.write_rows(rgba, rows); });
    png.finish();
}

}  // namespace atlas
