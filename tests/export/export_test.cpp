// Rendering and writing a view (app/export/export.cpp): an image drawn in tiles across each band is
// the image drawn in one pass, the window's Export picks the writer by the file's name, the
// transparent sea is an alpha channel a GIS reads, and a large GeoTIFF is tiled with overviews.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/frame.hpp"
#include "export/export.hpp"
#include "geo/load.hpp"
#include "render/font.hpp"
#include "render/renderer.hpp"
#include "support/export_fixture.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/render_fixture.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::font;
using test::Render;
using test::Vector;

TEST_F(Render, TilesAcrossABandGiveTheSameImageAsOnePass) {
    // Past the GPU's framebuffer width an export is drawn in tiles across each band; forced here
    // with 256-pixel tiles (and a narrower last one) on an image with every layer of the article.
    const AppState s = state_for("albers", View{68, 40, 2500}, 600, 300, 1.0f);
    MapModel& m = fx_->model("albers");
    fx_->renderer->upload(m.projected);
    fx_->renderer->upload_features(m.features);
    const Frame frame = build_frame(s, Style{}, m.colours, m.label_candidates, fx_->measure, m.extras(s, Style{}));
    std::vector<std::uint8_t> one, tiled;
    render_bands(*fx_->renderer, frame, 600, 300, [&](const std::uint8_t* rgba, int rows) {
        one.insert(one.end(), rgba, rgba + size_t(rows) * 600 * 4);
    });
    render_bands(
        *fx_->renderer, frame, 600, 300,
        [&](const std::uint8_t* rgba, int rows) { tiled.insert(tiled.end(), rgba, rgba + size_t(rows) * 600 * 4); },
        256);
    ASSERT_EQ(one.size(), tiled.size());
    const auto cmp = test::compare(to_image(one, 600, 300), to_image(tiled, 600, 300), 0.1);
    EXPECT_EQ(cmp.differing, 0u);
}

// The window's Export goes through export_image, which picks the format by the name's ending.
TEST_F(Vector, TheWindowsExportPicksSvgAndPdfByTheName) {
    ATLAS_REQUIRE_GL(gl);
    Font glyphs(font());
    Renderer renderer(glyphs);
    const AppState s = state_for(View{}, 320, 180, Layers{}, kArticleDate);
    const std::map<std::string, std::string> starts{
        {"a.svg", "<?xml"}, {"b.SVG", "<?xml"}, {"c.pdf", "%PDF-"}, {"d.png", "\x89PNG"}, {"e.tif", "II*"}};
    for (const auto& [name, magic] : starts) {
        export_image(renderer, model(), s, measure(), dir + "/" + name);
        std::ifstream in(dir + "/" + name, std::ios::binary);
        std::string head(magic.size(), '\0');
        in.read(head.data(), std::streamsize(head.size()));
        EXPECT_EQ(head, magic) << name;
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 5);
}

// The RGBA pixels of a GeoTIFF as GDAL reads them (bands 1 to 4), top row first.
std::vector<std::uint8_t> tiff_rgba(GDALDataset& ds) {
    const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
    std::vector<std::uint8_t> px(size_t(w) * size_t(h) * 4);
    int bands[4] = {1, 2, 3, 4};
    EXPECT_EQ(ds.RasterIO(GF_Read, 0, 0, w, h, px.data(), w, h, GDT_Byte, 4, bands, 4, GSpacing(w) * 4, 1, nullptr),
              CE_None);
    return px;
}

// --transparent-sea: GDAL reads a fourth band, the alpha: the middle of the Caspian transparent,
// Uzbekistan opaque, the coasts' anti-aliased edges partly transparent in the colour drawn there
// (no sea mixed in: composited over the sea's colour again, they are the opaque export's pixels);
// the PNG has the same pixels.
TEST_F(Vector, TheTransparentSeaIsAnAlphaBandAGisReads) {
    ATLAS_REQUIRE_GL(gl);
    Font glyphs(font());
    Renderer renderer(glyphs);
    renderer.upload(model().projected);
    renderer.upload_features(model().features);
    constexpr int w = 480, h = 320;
    const AppState s = state_for(View{58, 40, 2600}, w, h, Layers{}, kArticleDate);
    Figure clear;
    clear.transparent_sea = true;
    export_geotiff(renderer, model(), s, measure(), dir + "/opaque.tif");
    export_geotiff(renderer, model(), s, measure(), dir + "/sea.tif", clear);
    export_png(renderer, model(), s, measure(), dir + "/sea.png", clear);
    init_gdal();
    GDALDatasetUniquePtr opaque(GDALDataset::Open((dir + "/opaque.tif").c_str(), GDAL_OF_RASTER));
    GDALDatasetUniquePtr sea(GDALDataset::Open((dir + "/sea.tif").c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(opaque && sea);
    ASSERT_EQ(opaque->GetRasterCount(), 3);
    ASSERT_EQ(sea->GetRasterCount(), 4);
    EXPECT_EQ(sea->GetRasterBand(4)->GetColorInterpretation(), GCI_AlphaBand);
    EXPECT_STREQ(sea->GetMetadataItem("ca-atlas transparent sea"), "yes");
    const std::vector<std::uint8_t> rgba = tiff_rgba(*sea);
    std::vector<std::uint8_t> rgb(size_t(w) * h * 3);
    int bands[3] = {1, 2, 3};
    ASSERT_EQ(opaque->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, w * 3, 1, nullptr),
              CE_None);
    const auto alpha_at = [&](double lon, double lat) {
        const Vec2 px = s.camera.to_screen(model().projection->forward({lon, lat}));
        return rgba[(size_t(px.y) * w + size_t(px.x)) * 4 + 3];
    };
    EXPECT_EQ(alpha_at(51.2, 42.3), 0) << "the middle of the Caspian";
    EXPECT_EQ(alpha_at(64.5, 41.5), 255) << "Uzbekistan";
    // Every pixel composited over the sea's colour is the opaque export's, within the rounding of
    // 8-bit premultiplied colour (a unit or two per blended layer).
    constexpr int kRoundingUnits = 3;
    const Rgba water = Style{}.water;
    int partial = 0, worst = 0;
    for (size_t i = 0; i < size_t(w) * h; ++i) {
        const int a = rgba[i * 4 + 3];
        partial += a > 0 && a < 255;
        const int under[3] = {water.r, water.g, water.b};
        for (size_t c = 0; c < 3; ++c) {
            const int over = (rgba[i * 4 + c] * a + under[c] * (255 - a) + 127) / 255;
            worst = std::max(worst, std::abs(over - int(rgb[i * 3 + c])));
        }
    }
    EXPECT_GT(partial, 100) << "anti-aliased coasts and lines over the sea";
    EXPECT_LE(worst, kRoundingUnits);
    const test::Image png = test::read_png(dir + "/sea.png");
    ASSERT_EQ(png.width, w);
    EXPECT_EQ(png.rgba, rgba) << "the PNG's pixels are the GeoTIFF's";
}

// Past the layout's size a GeoTIFF is stored in square tiles with overviews down to one tile, as
// gdalinfo reports them; at or under it, in strips with none.
TEST_F(Vector, ALargeGeoTiffIsTiledWithOverviews) {
    ATLAS_REQUIRE_GL(gl);
    Font glyphs(font());
    Renderer renderer(glyphs);
    renderer.upload(model().projected);
    renderer.upload_features(model().features);
    const AppState s = state_for(View{}, 600, 300, Layers{}, kArticleDate);
    export_geotiff(renderer, model(), s, measure(), dir + "/large.tif", {}, GeoTiffLayout{256, 128});
    export_geotiff(renderer, model(), s, measure(), dir + "/small.tif", {}, GeoTiffLayout{600, 128});
    init_gdal();
    GDALDatasetUniquePtr large(GDALDataset::Open((dir + "/large.tif").c_str(), GDAL_OF_RASTER));
    GDALDatasetUniquePtr small(GDALDataset::Open((dir + "/small.tif").c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(large && small);
    int bx = 0, by = 0;
    large->GetRasterBand(1)->GetBlockSize(&bx, &by);
    EXPECT_EQ(bx, 128);
    EXPECT_EQ(by, 128);
    // 300x150, 150x75, 75x38: the last is the first within one 128-pixel block.
    GDALRasterBand& band = *large->GetRasterBand(1);
    ASSERT_EQ(band.GetOverviewCount(), 3);
    EXPECT_EQ(band.GetOverview(0)->GetXSize(), 300);
    EXPECT_EQ(band.GetOverview(2)->GetXSize(), 75);
    EXPECT_EQ(band.GetOverview(2)->GetYSize(), 38);
    // An overview is the image averaged: the mean of its first band within a unit of the image's.
    double image_mean = 0, overview_mean = 0;
    ASSERT_EQ(band.ComputeStatistics(FALSE, nullptr, nullptr, &image_mean, nullptr, nullptr, nullptr), CE_None);
    ASSERT_EQ(band.GetOverview(0)->ComputeStatistics(FALSE, nullptr, nullptr, &overview_mean, nullptr, nullptr, nullptr),
              CE_None);
    EXPECT_NEAR(overview_mean, image_mean, 1.0);
    small->GetRasterBand(1)->GetBlockSize(&bx, &by);
    EXPECT_EQ(bx, 600) << "strips, the width of the image";
    EXPECT_EQ(small->GetRasterBand(1)->GetOverviewCount(), 0);
}

}  // namespace
}  // namespace atlas
