// Offscreen rendering in bands, and the PNG and GeoTIFF writers on top of it.
#include "export/export.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <future>

#include "core/errors.hpp"
#include "core/style.hpp"
#include "geo/load.hpp"
#include "geo/raster.hpp"
#include "export/vector.hpp"

namespace atlas {

namespace {
// Pixels per band: 2^18 RGBA pixels is 1 MiB for the target and 1 MiB per read-back buffer
// (smaller bands lowered a 4K export's peak memory and were no slower; see README, Benchmark).
constexpr long long kBandPixels = 1 << 18;
}  // namespace

void render_bands(Renderer& renderer, const Frame& frame, int width, int height, const RowSink& sink, int max_tile) {
    // Bands of rows; an image wider than the GPU's framebuffer limit is drawn in tiles across
    // each band, put together in the band's buffer (the renderer draws any window of the image).
    const int tile_w = std::min({width, max_framebuffer_size(), max_tile > 0 ? max_tile : width});
    const int band = int(std::clamp<long long>(kBandPixels / std::max(tile_w, 1), 1, height));
    OffscreenTarget target(tile_w, band);
    std::vector<std::uint8_t> buffers[2], tile;
    std::future<void> pending;
    int index = 0;
    try {
        for (int y = 0; y < height; y += band, index ^= 1) {
            const int rows = std::min(band, height - y);
            auto& buf = buffers[index];
            if (pending.valid()) pending.get();  // the sink is done with this buffer's last band
            if (tile_w == width) {
                target.bind();
                // The last band may be shorter: draw the image shifted so its rows land at the
                // bottom of the target, which is where GL's rows start.
                renderer.draw(frame, width, band, {0, double(y - (band - rows))});
                target.read_bottom_rows(rows, buf);
            } else {
                buf.resize(size_t(width) * size_t(rows) * 4);
                for (int x = 0; x < width; x += tile_w) {
                    const int cols = std::min(tile_w, width - x);
                    target.bind();
                    renderer.draw(frame, tile_w, band, {double(x), double(y - (band - rows))});
                    target.read_bottom_left(cols, rows, tile);
                    for (int r = 0; r < rows; ++r)
                        std::memcpy(buf.data() + (size_t(r) * size_t(width) + size_t(x)) * 4,
                                    tile.data() + size_t(r) * size_t(cols) * 4, size_t(cols) * 4);
                }
            }
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
                                           const TextMeasure& measure, const Figure& figure) {
    const Frame frame = figure_frame(model, state, measure, figure);
    std::vector<std::uint8_t> image;
    image.reserve(size_t(state.camera.width_px) * size_t(state.camera.height_px) * 4);
    render_bands(renderer, frame, state.camera.width_px, state.camera.height_px,
                 [&](const std::uint8_t* rgba, int rows) {
                     image.insert(image.end(), rgba, rgba + size_t(rows) * size_t(state.camera.width_px) * 4);
                 });
    return image;
}

void export_png(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                const std::string& path, const Figure& figure) {
    const int w = state.camera.width_px, h = state.camera.height_px;
    // zlib level 1: see README, Design (flat map colours compress nearly as well as at level 6).
    // The view goes into the file, so that the atlas can open it again where it was (--view-from).
    const ViewRecord record = view_record(model, state);
    std::vector<std::pair<std::string, std::string>> text{{"Software", "ca-atlas"},
                                                          {kPngViewKey, record.view},
                                                          {kPngProjectionKey, record.projection},
                                                          {kPngDateKey, record.date},
                                                          {"Copyright", kDataNotice}};
    if (!record.selected.empty()) text.push_back({kPngSelectedKey, record.selected});
    PngWriter png(path, w, h, 1, text, figure.dpi);
    const Frame frame = figure_frame(model, state, measure, figure);
    render_bands(renderer, frame, w, h, [&](const std::uint8_t* rgba, int rows) { png.write_rows(rgba, rows); });
    png.finish();
}

void export_geotiff(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                    const std::string& path, const Figure& figure) {
    const int w = state.camera.width_px, h = state.camera.height_px;
    AtomicFile file(path);  // nothing appears at `path` unless the whole image is written
    init_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw OutputError("cannot write '" + path + "': GDAL has no GeoTIFF driver");
    const char* options[] = {"COMPRESS=DEFLATE", "PHOTOMETRIC=RGB", nullptr};
    CPLErrorReset();
    GDALDatasetUniquePtr ds(driver->Create(file.temp_path().c_str(), w, h, 3, GDT_Byte, const_cast<char**>(options)));
    if (!ds) throw OutputError("cannot write '" + path + "': " + CPLGetLastErrorMsg());
    auto fail = [&](const std::string& why) { throw OutputError("cannot write '" + path + "': " + why); };
    // Georeferencing: the top-left corner of the image in map metres, square pixels.
    const Camera& cam = state.camera;
    const Vec2 top_left = cam.to_map({0, 0});
    double gt[6] = {top_left.x, cam.metres_per_px, 0, top_left.y, 0, -cam.metres_per_px};
    OGRSpatialReference srs;
    const ProjectionInfo& info = model.projection->info();
    if (srs.SetFromUserInput(info.crs) != OGRERR_NONE) fail("the projection's CRS is not understood");
    // A CRS given by PROJ's parameters has no name ("unknown" in QGIS): named, on the WGS 84 of EPSG.
    if (*info.crs_name && (srs.SetWellKnownGeogCS("WGS84") != OGRERR_NONE || srs.SetProjCS(info.crs_name) != OGRERR_NONE))
        fail("the projection's CRS cannot be named");
    if (ds->SetGeoTransform(gt) != CE_None || ds->SetSpatialRef(&srs) != CE_None) fail(CPLGetLastErrorMsg());
    ds->SetMetadataItem("TIFFTAG_SOFTWARE", "ca-atlas");
    if (figure.dpi > 0) {  // resolution unit 2: inches
        ds->SetMetadataItem("TIFFTAG_XRESOLUTION", std::to_string(figure.dpi).c_str());
        ds->SetMetadataItem("TIFFTAG_YRESOLUTION", std::to_string(figure.dpi).c_str());
        ds->SetMetadataItem("TIFFTAG_RESOLUTIONUNIT", "2");
    }
    const ViewRecord record = view_record(model, state);
    ds->SetMetadataItem(kPngViewKey, record.view.c_str());
    ds->SetMetadataItem(kPngProjectionKey, record.projection.c_str());
    ds->SetMetadataItem(kPngDateKey, record.date.c_str());
    const Frame frame = figure_frame(model, state, measure, figure);
    int row = 0;
    bool ok = true;
    std::string why;
    render_bands(renderer, frame, w, h, [&](const std::uint8_t* rgba, int rows) {
        int bands[3] = {1, 2, 3};
        if (ok && ds->RasterIO(GF_Write, 0, row, w, rows, const_cast<std::uint8_t*>(rgba), w, rows, GDT_Byte, 3, bands,
                               4, GSpacing(w) * 4, 1, nullptr) != CE_None) {
            ok = false;
            why = CPLGetLastErrorMsg();
        }
        row += rows;
    });
    if (!ok) fail(why);
    // Closing writes what GDAL still holds: its errors are the file's.
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
        throw OutputError("cannot write '" + path + "': " + CPLGetLastErrorMsg());
    file.commit();
}

void export_vector(const MapModel& model, const AppState& state, const TextMeasure& measure, const std::string& path,
                   const Figure& figure) {
    if (export_format(path) == ExportFormat::Svg)
        export_svg(model, state, measure, path, figure);
    else
        export_pdf(model, state, measure, path, figure);
}

void export_image(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                  const std::string& path, const Figure& figure) {
    switch (export_format(path)) {
        case ExportFormat::Svg:
        case ExportFormat::Pdf: export_vector(model, state, measure, path, figure); break;
        case ExportFormat::GeoTiff: export_geotiff(renderer, model, state, measure, path, figure); break;
        case ExportFormat::Png: export_png(renderer, model, state, measure, path, figure); break;
    }
}

}  // namespace atlas
