// Rendering and writing a view (app/export/export.cpp): an image drawn in tiles across each band is
// the image drawn in one pass, and the window's Export picks the writer by the file's name.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/frame.hpp"
#include "export/export.hpp"
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

}  // namespace
}  // namespace atlas
