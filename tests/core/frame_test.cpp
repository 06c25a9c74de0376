// Frame building: which layers a scale draws, and export rescaling.
#include "core/frame.hpp"

#include <gtest/gtest.h>

namespace atlas {
namespace {

Frame frame_at(double metres_per_px, float pixel_scale = 1.0f, Layers layers = {}) {
    AppState s;
    s.camera.metres_per_px = metres_per_px;
    s.pixel_scale = pixel_scale;
    s.layers = layers;
    return build_frame(s, Style{}, {}, {}, [](const std::string&) { return 1.0; });
}

TEST(Frame, ProvinceEdgesFollowTheScale) {
    // Zoomed in: every province edge. Region-wide: only the article's countries. Wider: none.
    EXPECT_TRUE(frame_at(1000).draw_province_lines);
    EXPECT_TRUE(frame_at(1000).draw_other_province_lines);
    EXPECT_TRUE(frame_at(4000).draw_province_lines);
    EXPECT_FALSE(frame_at(4000).draw_other_province_lines);
    EXPECT_FALSE(frame_at(8000).draw_province_lines);
    EXPECT_FALSE(frame_at(8000).draw_other_province_lines);
    // The thresholds are per logical pixel: a 2x export of a 1000 m/px view draws what it shows.
    EXPECT_TRUE(frame_at(1000.0 / 2, 2.0f).draw_other_province_lines);
    // The layer switch wins at every scale.
    Layers off;
    off.provinces = false;
    EXPECT_FALSE(frame_at(1000, 1.0f, off).draw_province_lines);
    EXPECT_FALSE(frame_at(1000, 1.0f, off).draw_other_province_lines);
}

TEST(Frame, RescaledKeepsTheFramingAndScalesLinesAndText) {
    AppState s;
    s.camera.centre = {1000, -2000};
    s.camera.width_px = 1280;
    s.camera.height_px = 720;
    s.camera.metres_per_px = 3000;
    const AppState big = rescaled(s, 3840, 2160);
    EXPECT_DOUBLE_EQ(big.camera.metres_per_px * 2160, s.camera.metres_per_px * 720);  // same map height
    EXPECT_EQ(big.camera.centre, s.camera.centre);
    EXPECT_FLOAT_EQ(big.pixel_scale, 3.0f);
    const auto f1 = build_frame(s, Style{}, {}, {}, [](const std::string&) { return 1.0; });
    const auto f3 = build_frame(big, Style{}, {}, {}, [](const std::string&) { return 1.0; });
    EXPECT_FLOAT_EQ(f3.country_line.width_px, 3 * f1.country_line.width_px);
}


// The Countries layer off hides the countries' own colours and their borders, not the memberships'
// fills (the map went sea-blue with only the hatching left); both off, no fills.
TEST(Frame, TheMembershipFillsStayWithTheCountriesLayerOff) {
    AppState s;
    s.layers.countries = false;
    OverlayPaint overlay;
    overlay.fill = {Rgba{30, 100, 180, 255}, Rgba{240, 230, 220, 255}};
    overlay.hatch = {Rgba{0, 0, 0, 0}, Rgba{0, 0, 0, 0}};
    FrameExtras extras;
    extras.overlay = &overlay;
    const auto measure = [](const std::string&) { return 1.0; };
    const Frame f = build_frame(s, Style{}, {0, 1}, {}, measure, extras);
    EXPECT_TRUE(f.draw_fills);
    EXPECT_FALSE(f.draw_country_lines);
    ASSERT_EQ(f.country_fill.size(), 2u);
    EXPECT_EQ(f.country_fill[0], overlay.fill[0]);
    s.layers.memberships = false;
    EXPECT_FALSE(build_frame(s, Style{}, {0, 1}, {}, measure, extras).draw_fills);
}

// The symbols' legend lists each kind of mark in the image once, in a fixed order, with its
// meaning; marks outside the image and the selection's ring are not listed.
TEST(Frame, TheSymbolsLegendListsTheKindsInView) {
    Frame f;
    f.camera.width_px = 800;
    f.camera.height_px = 600;
    auto add = [&](Vec2 at, SymbolShape shape, bool hollow = false, MapLayer layer = MapLayer::Places) {
        FrameSymbol s;
        s.centre_px = at;
        s.shape = shape;
        s.hollow = hollow;
        s.layer = layer;
        f.symbols.push_back(s);
    };
    add({100, 100}, SymbolShape::Circle);
    add({120, 100}, SymbolShape::Circle);
    add({300, 200}, SymbolShape::Star);
    add({300, 200}, SymbolShape::Circle, true, MapLayer::Selection);
    add({900, 200}, SymbolShape::Square);  // right of the image
    add({400, 400}, SymbolShape::Triangle, true);
    const auto keys = symbols_in_view(f);
    ASSERT_EQ(keys.size(), 3u);
    EXPECT_EQ(keys[0].shape, SymbolShape::Star);
    EXPECT_NE(keys[0].meaning.find("Kant"), std::string::npos);
    EXPECT_EQ(keys[1].shape, SymbolShape::Circle);
    EXPECT_FALSE(keys[1].hollow);
    EXPECT_NE(keys[1].meaning.find("signed"), std::string::npos);
    EXPECT_TRUE(keys[2].hollow);
    EXPECT_TRUE(symbols_in_view(Frame{}).empty());
}

}  // namespace
}  // namespace atlas
