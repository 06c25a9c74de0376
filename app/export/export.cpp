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
#include "text/shape.hpp"

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

namespace {
// The transparent sea (--transparent-sea). Where the sea is, is not found afterwards from the
// picture (its colour: every line, name and anti-aliased edge drawn over the sea would keep the
// sea mixed into it, a pale halo round the coasts over another basemap; nodata: one colour in or
// out, nothing partial) but while drawing: the renderer clears the image to transparent black
// instead of the sea's colour, and GL's blending (source alpha for the colour, one for the alpha)
// carries what each layer covers into the alpha channel. Country fills are opaque, the edges of
// coasts, lines and names partial, the panels of the decorations opaque, and a pixel that nothing
// covers stays transparent: exactly what was drawn, in one pass. The colour that comes back is
// premultiplied by its alpha; PNG and the TIFF's unassociated alpha want it straight.
Frame raster_frame(const MapModel& model, const AppState& state, const TextMeasure& measure, const Figure& figure) {
    Frame frame = figure_frame(model, state, measure, figure);
    if (figure.transparent_sea) frame.background = Rgba{0, 0, 0, 0};
    return frame;
}

// Premultiplied RGBA to straight, in place; a pixel with nothing on it gets the sea's colour, so
// that a viewer that ignores the alpha shows the map as it is without it.
void straight_alpha(std::uint8_t* rgba, size_t pixels) {
    const Rgba sea = Style{}.water;
    for (size_t i = 0; i < pixels; ++i) {
        std::uint8_t* p = rgba + i * 4;
        const unsigned a = p[3];
        if (a == 255) continue;
        if (a == 0) {
            p[0] = sea.r, p[1] = sea.g, p[2] = sea.b;
            continue;
        }
        for (int c = 0; c < 3; ++c) p[c] = std::uint8_t(std::min(255u, (p[c] * 255u + a / 2) / a));
    }
}

// The records as the files hold them: PNG's iTXt and TIFF's XML metadata want UTF-8, and a title
// may have come with ill-formed bytes (drawn as U+FFFD, so recorded as U+FFFD).
std::vector<std::pair<std::string, std::string>> records_for_file(const MapModel& model, const AppState& state,
                                                                  const Figure& figure) {
    auto records = figure_records(model, state, figure);
    for (auto& [key, value] : records) value = encode_utf8(decode_utf8(value));
    return records;
}
}  // namespace

void export_png(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                const std::string& path, const Figure& figure) {
    const int w = state.camera.width_px, h = state.camera.height_px;
    // zlib level 1: see README, Design (flat map colours compress nearly as well as at level 6).
    // The figure goes into the file, so that the atlas can make it again (--view-from).
    std::vector<std::pair<std::string, std::string>> text{{"Software", "ca-atlas"}};
    for (auto& record : records_for_file(model, state, figure)) text.push_back(std::move(record));
    text.push_back({"Copyright", kDataNotice});
    PngWriter png(path, w, h, 1, text, figure.dpi, figure.transparent_sea);
    const Frame frame = raster_frame(model, state, measure, figure);
    std::vector<std::uint8_t> straight;  // the sinks run one at a time
    render_bands(renderer, frame, w, h, [&](const std::uint8_t* rgba, int rows) {
        if (!figure.transparent_sea) return png.write_rows(rgba, rows);
        straight.assign(rgba, rgba + size_t(w) * size_t(rows) * 4);
        straight_alpha(straight.data(), size_t(w) * size_t(rows));
        png.write_rows(straight.data(), rows);
    });
    png.finish();
}

void export_geotiff(Renderer& renderer, const MapModel& model, const AppState& state, const TextMeasure& measure,
                    const std::string& path, const Figure& figure, const GeoTiffLayout& layout) {
    const int w = state.camera.width_px, h = state.camera.height_px;
    const bool alpha = figure.transparent_sea, tiled = std::max(w, h) > layout.tile_above_px;
    const int bands = alpha ? 4 : 3;
    AtomicFile file(path);  // nothing appears at `path` unless the whole image is written
    init_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw OutputError("cannot write '" + path + "': GDAL has no GeoTIFF driver");
    // DEFLATE, which every TIFF reader reads, at its usual level and with no predictor: on a 4K map
    // horizontal differencing made the tiles 27% larger (flat colours and hatching repeat as they
    // are, not as differences), and ZSTD was 9% smaller but is not read everywhere.
    CPLStringList options;
    options.SetNameValue("COMPRESS", "DEFLATE");
    options.SetNameValue("PHOTOMETRIC", "RGB");
    if (alpha) options.SetNameValue("ALPHA", "NON-PREMULTIPLIED");  // straight alpha, as PNG's
    if (tiled) {
        options.SetNameValue("TILED", "YES");
        options.SetNameValue("BLOCKXSIZE", std::to_string(layout.block_px).c_str());
        options.SetNameValue("BLOCKYSIZE", std::to_string(layout.block_px).c_str());
    }
    CPLErrorReset();
    GDALDatasetUniquePtr ds(driver->Create(file.temp_path().c_str(), w, h, bands, GDT_Byte, options.List()));
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
    ds->SetMetadataItem("TIFFTAG_COPYRIGHT", kDataNotice);
    if (figure.dpi > 0) {  // resolution unit 2: inches
        ds->SetMetadataItem("TIFFTAG_XRESOLUTION", std::to_string(figure.dpi).c_str());
        ds->SetMetadataItem("TIFFTAG_YRESOLUTION", std::to_string(figure.dpi).c_str());
        ds->SetMetadataItem("TIFFTAG_RESOLUTIONUNIT", "2");
    }
    // The records in the default domain, beside the TIFF tags: gdalinfo and QGIS's layer
    // properties list them without being asked for a domain, and --view-from reads them there.
    for (const auto& [key, value] : records_for_file(model, state, figure))
        ds->SetMetadataItem(key.c_str(), value.c_str());
    const Frame frame = raster_frame(model, state, measure, figure);
    int row = 0;
    bool ok = true;
    std::string why;
    std::vector<std::uint8_t> straight;  // the sinks run one at a time
    render_bands(renderer, frame, w, h, [&](const std::uint8_t* rgba, int rows) {
        if (alpha) {
            straight.assign(rgba, rgba + size_t(w) * size_t(rows) * 4);
            straight_alpha(straight.data(), size_t(w) * size_t(rows));
            rgba = straight.data();
        }
        int band_map[4] = {1, 2, 3, 4};
        if (ok && ds->RasterIO(GF_Write, 0, row, w, rows, const_cast<std::uint8_t*>(rgba), w, rows, GDT_Byte, bands,
                               band_map, 4, GSpacing(w) * 4, 1, nullptr) != CE_None) {
            ok = false;
            why = CPLGetLastErrorMsg();
        }
        row += rows;
    });
    if (!ok) fail(why);
    if (tiled) {
        // Each level half the last, until the whole image fits one block (as gdaladdo chooses),
        // averaged. With an alpha band GDAL averages only the pixels it does not make wholly
        // transparent (tried: a transparent and an opaque pixel give the opaque one's colour, at
        // full alpha), so no sea colour bleeds into a coast, which a level shows at most one of
        // its pixels wider instead.
        std::vector<int> levels;
        for (int f = 2; std::max(w, h) / (f / 2) > layout.block_px; f *= 2) levels.push_back(f);
        CPLErrorReset();
        if (ds->BuildOverviews("AVERAGE", int(levels.size()), levels.data(), 0, nullptr, nullptr, nullptr) != CE_None)
            fail(std::string("overviews: ") + CPLGetLastErrorMsg());
    }
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
