// Rendering and writing a view (app/export/export.cpp): the window's Export picks the writer by the
// file's name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "export/export.hpp"
#include "render/font.hpp"
#include "render/renderer.hpp"
#include "support/export_fixture.hpp"
#include "support/gl.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::font;
using test::Vector;

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
