// The decorations of an exported figure: text wrapping, paper sizes, and the layout of title,
// legend, scale bar, caption and foot (inside the image, apart from one another, scaling with it).
#include "core/decorations.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <tuple>

namespace atlas {
namespace {

// A fixed-pitch measure: every byte is 0.6 em wide, so widths are exact and easy to check.
const TextMeasure kMeasure = [](const std::string& t) { return 0.6 * double(t.size()); };

std::string words_of(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += (all.empty() ? "" : " ") + l;
    return all;
}

TEST(Decorations, WrapKeepsEveryWordInOrderAndEachLineWithinTheWidth) {
    const std::string text =
        "In May 2001, the Organization acquired the Collective Rapid Deployment Forces (one battalion each "
        "from Russia, Kazakhstan, Kyrgyzstan, and Tajikistan)";
    for (double width : {120.0, 300.0, 1000.0}) {
        const auto lines = wrap_text(text, kMeasure, 10, width);
        ASSERT_FALSE(lines.empty());
        EXPECT_EQ(words_of(lines), text) << width;
        for (const auto& l : lines) EXPECT_LE(kMeasure(l) * 10, width) << l;
        // Greedy: the next line's first word would not have fitted on the line before.
        for (size_t i = 0; i + 1 < lines.size(); ++i) {
            const std::string next = lines[i + 1].substr(0, lines[i + 1].find(' '));
            EXPECT_GT(kMeasure(lines[i] + " " + next) * 10, width);
        }
    }
    EXPECT_TRUE(wrap_text("", kMeasure, 10, 100).empty());
    // A word wider than the line stands alone.
    EXPECT_EQ(wrap_text("a Kyrgyzstan b", kMeasure, 10, 30), (std::vector<std::string>{"a", "Kyrgyzstan", "b"}));
}

TEST(Decorations, PaperSizesAtAResolution) {
    // ISO 216 A4 is 297 x 210 mm: at 300 dpi 3507.9 x 2480.3 px.
    EXPECT_EQ(paper_size_px("a4", 300), std::make_pair(3508, 2480));
    EXPECT_EQ(paper_size_px("a4-portrait", 300), std::make_pair(2480, 3508));
    EXPECT_EQ(paper_size_px("a4-landscape", 150), std::make_pair(1754, 1240));
    EXPECT_EQ(paper_size_px("a3", 300), std::make_pair(4961, 3508));
    EXPECT_EQ(paper_size_px("letter", 300), std::make_pair(3300, 2550));  // 11 x 8.5 in
    EXPECT_FALSE(paper_size_px("a9", 300));
    EXPECT_FALSE(paper_size_px("a4-sideways", 300));
}

Frame frame_of(int w, int h) {
    Frame f;
    f.camera.width_px = w;
    f.camera.height_px = h;
    return f;
}

Decorations everything() {
    Decorations d;
    d.title = "The CSTO and the SCO on 31 December 2012";
    d.legend = {{"CSTO member", Rgba{0x2f, 0x7c, 0xb7, 255}, Hatch::None},
                {"SCO member", Rgba{0xf3, 0xf0, 0xe8, 255}, Hatch::Dense},
                {"in both", Rgba{0x2f, 0x7c, 0xb7, 255}, Hatch::Dense}};
    d.legend_title = "On 31 December 2012";
    d.scale_bar = Decorations::Bar{180, "500 km"};
    d.attribution = "Borders: Natural Earth";
    d.caption = Decorations::Caption{"3. The CSTO and Kant", "In May 2001, the Organization acquired the forces.",
                                     "Iskandarov 2013, passage integration-22", false, ""};
    return d;
}

Box box_of(const FramePanel& p) {
    Box b;
    b.add(p.min_px);
    b.add(p.max_px);
    return b;
}

class DecorationsAtSize : public ::testing::TestWithParam<std::tuple<int, int, float>> {};

TEST_P(DecorationsAtSize, EverythingLiesInsideTheImageAndTheBlocksDoNotOverlap) {
    const auto [W, H, scale] = GetParam();
    Frame f = frame_of(W, H);
    Decorations d = everything();
    d.scale_bar->length_px = W / 5.0;
    add_decorations(f, d, OverlayStyle{}, kMeasure, scale);
    ASSERT_FALSE(f.panels.empty());
    Box image;
    const double edge = std::max(1.0, std::round(double(scale)));  // an edge may sit on the image's border
    image.add(Vec2{-edge, -edge});
    image.add(Vec2{W + edge, H + edge});
    for (const auto& p : f.panels) {
        EXPECT_TRUE(image.contains(p.min_px) && image.contains(p.max_px));
        EXPECT_LT(p.min_px.x, p.max_px.x);
        EXPECT_LT(p.min_px.y, p.max_px.y);
    }
    // Every text line sits inside some panel, and the texts we asked for are all there.
    for (const auto& l : f.panel_labels) {
        bool inside = false;
        for (const auto& p : f.panels) inside |= box_of(p).contains(l.centre_px);
        EXPECT_TRUE(inside) << l.text;
    }
    std::string all;  // the lines in order: a wrapped text reads on across them
    for (const auto& l : f.panel_labels) all += l.text + " ";
    auto has = [&](const std::string& t) { return all.find(t) != std::string::npos; };
    for (const char* t : {"The CSTO and the SCO", "CSTO member", "SCO member", "in both", "On 31 December 2012",
                          "500 km", "Borders: Natural Earth", "3. The CSTO and Kant", "In May 2001",
                          "passage integration-22"})
        EXPECT_TRUE(has(t)) << t;
    // The largest panels are the blocks (title, legend, scale bar, caption, foot): no two overlap
    // beyond their edges.
    std::vector<Box> blocks;
    for (const auto& p : f.panels)
        if (p.fill == Rgba{0xff, 0xff, 0xff, 255} || p.fill == Rgba{0xf4, 0xf2, 0xee, 255}) {
            const Box b = box_of(p);
            if (b.width() > 60 * scale && b.height() > 20 * scale) blocks.push_back(b);
        }
    ASSERT_GE(blocks.size(), 5u);
    for (size_t i = 0; i < blocks.size(); ++i)
        for (size_t j = i + 1; j < blocks.size(); ++j) {
            Box a = blocks[i];
            a.min_x += edge + 0.5, a.min_y += edge + 0.5, a.max_x -= edge + 0.5, a.max_y -= edge + 0.5;
            EXPECT_FALSE(a.intersects(blocks[j])) << i << " and " << j;
        }
}

// A slide, a small figure, a tiny one (the legend set smaller), and A4 portrait at 300 dpi.
INSTANTIATE_TEST_SUITE_P(Sizes, DecorationsAtSize,
                         ::testing::Values(std::make_tuple(1920, 1080, 1.0f), std::make_tuple(640, 400, 1.0f),
                                           std::make_tuple(480, 300, 1.0f), std::make_tuple(2480, 3508, 3.125f)));

TEST(Decorations, ALegendSwatchCarriesItsClassPattern) {
    Frame f = frame_of(1920, 1080);
    const OverlayStyle style;
    add_decorations(f, everything(), style, kMeasure, 1.0f);
    int dense = 0;
    for (const auto& p : f.panels)
        if (Hatch(p.hatch.a) == Hatch::Dense) {
            ++dense;
            EXPECT_EQ(p.hatch.r, style.hatch.r);
        }
    EXPECT_EQ(dense, 2);  // "SCO member" and "in both"
}

TEST(Decorations, ALongCaptionStaysWithinAThirdOfTheImageAndEndsInAnEllipsis) {
    Decorations d;
    std::ostringstream text;
    for (int i = 0; i < 200; ++i) text << "word" << i << " ";
    d.caption = Decorations::Caption{"", text.str(), "source", false, ""};
    Frame f = frame_of(1280, 720);
    add_decorations(f, d, OverlayStyle{}, kMeasure, 1.0f);
    double top = 720;
    for (const auto& p : f.panels) top = std::min(top, p.min_px.y);
    EXPECT_GE(top, 720 - 720 / 3.0 - 2);
    bool ellipsis = false;
    for (const auto& l : f.panel_labels) ellipsis |= l.text.find("\u2026") != std::string::npos;
    EXPECT_TRUE(ellipsis);
}

// A figure's caption gives its source whole where it fits two lines: the place in the article
// and the article's citation (a slide at 1280 wide cut the citation after its title).
TEST(Decorations, AFiguresCaptionGivesItsSourceWholeOnTwoLines) {
    Decorations d;
    const std::string source = "Iskandarov 2013, \u201cSecurity as the Driving Force behind Regional Integration: The "
                               "CSTO and SCO\u201d, paragraph 6. Akbarsho Iskandarov, \u201cSecurity and Integration "
                               "in Central Asia: The CSTO and SCO\u201d, Central Asia and the Caucasus (CA&CC Press), "
                               "Vol. 14, Issue 2, 2013.";
    d.caption = Decorations::Caption{"5 / 10   The CSTO in 2012", "Its Charter came into force.", source, false, ""};
    Frame f = frame_of(1280, 720);
    add_decorations(f, d, OverlayStyle{}, kMeasure, 1.0f);
    std::vector<std::string> lines;
    for (const auto& l : f.panel_labels) lines.push_back(l.text);
    const std::string all = words_of(lines);
    EXPECT_NE(all.find("Vol. 14, Issue 2, 2013."), std::string::npos) << all;
    for (const auto& l : lines) EXPECT_EQ(l.find("\u2026"), std::string::npos) << l;
}

// WCAG 2 contrast ratio of two colours (relative luminance of sRGB), written out here.
double contrast(Rgba a, Rgba b) {
    auto lum = [](Rgba c) {
        auto lin = [](std::uint8_t v) {
            const double x = v / 255.0;
            return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    };
    const double la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(Decorations, TheProjectorsCaptionIsLargeHighContrastAndCitesInFull) {
    const std::string citation =
        "Iskandarov 2013, passage threats-4. Akbarsho Iskandarov, \u201cSecurity and Integration in Central Asia: "
        "The CSTO and SCO\u201d, Central Asia and the Caucasus (CA&CC Press), Vol. 14, Issue 2, 2013.";
    std::ostringstream long_text;
    for (int i = 0; i < 120; ++i) long_text << "word" << i << " ";
    for (const std::string& passage : {std::string("Existing and potential seats of instability."), long_text.str()})
        for (const auto& [W, H, scale] : {std::make_tuple(1920, 1080, 1.0f), std::make_tuple(3840, 2160, 2.0f),
                                          std::make_tuple(1280, 720, 1.0f)}) {
            Decorations d;
            d.caption = Decorations::Caption{"2 / 10   The seats of instability", passage, citation, true, ""};
            Frame f = frame_of(W, H);
            add_decorations(f, d, OverlayStyle{}, kMeasure, scale);
            ASSERT_FALSE(f.panels.empty());
            // One dark band across the bottom, a third of the screen high at most; a passage
            // too long for that takes up to three fifths rather than being cut.
            const FramePanel& band = f.panels.front();
            EXPECT_EQ(band.min_px.x, 0);
            EXPECT_EQ(band.max_px.x, W);
            EXPECT_EQ(band.max_px.y, H);
            EXPECT_GE(band.min_px.y, H - (passage.size() < 100 ? H / 3.0 : H * 0.6) - 1);
            size_t heading = 0, body = 0, source = 0;
            std::string cited;
            for (const auto& l : f.panel_labels) {
                // Every line at least 7:1 against the band (WCAG's AAA), inside it.
                EXPECT_GE(contrast(l.style.colour, band.fill), 7.0) << l.text;
                EXPECT_GT(l.centre_px.y, band.min_px.y);
                const double px = l.style.size_px / scale;  // on a 1080-line screen
                if (l.text.rfind("2 / 10", 0) == 0) {
                    ++heading;
                    EXPECT_GE(px, 34);
                } else if (px >= 28) {
                    ++body;  // the passage: never under 28 px, even when cut
                } else {
                    ++source;
                    EXPECT_GE(px, 22);
                    cited += (cited.empty() ? "" : " ") + l.text;
                }
            }
            EXPECT_EQ(heading, 1u);
            EXPECT_GE(body, 1u);
            // The citation whole, on at most two lines, at 1920 px wide and more.
            EXPECT_LE(source, 2u);
            if (W >= 1920) {
                EXPECT_EQ(cited, citation);
            }
        }
}

TEST(Decorations, TheLayoutScalesWithTheImage) {
    // Twice the pixels at twice the scale: every panel and every line of text at twice the place.
    Frame a = frame_of(960, 540), b = frame_of(1920, 1080);
    Decorations d1 = everything(), d2 = everything();
    d2.scale_bar->length_px *= 2;
    add_decorations(a, d1, OverlayStyle{}, kMeasure, 1.0f);
    add_decorations(b, d2, OverlayStyle{}, kMeasure, 2.0f);
    ASSERT_EQ(a.panels.size(), b.panels.size());
    ASSERT_EQ(a.panel_labels.size(), b.panel_labels.size());
    constexpr double kTolerancePx = 2.01;  // edges are whole pixels at every scale
    for (size_t i = 0; i < a.panels.size(); ++i) {
        EXPECT_NEAR(a.panels[i].min_px.x * 2, b.panels[i].min_px.x, kTolerancePx) << i;
        EXPECT_NEAR(a.panels[i].max_px.y * 2, b.panels[i].max_px.y, kTolerancePx) << i;
    }
    for (size_t i = 0; i < a.panel_labels.size(); ++i) {
        EXPECT_EQ(a.panel_labels[i].text, b.panel_labels[i].text);
        EXPECT_NEAR(a.panel_labels[i].centre_px.x * 2, b.panel_labels[i].centre_px.x, kTolerancePx);
        EXPECT_NEAR(a.panel_labels[i].centre_px.y * 2, b.panel_labels[i].centre_px.y, kTolerancePx);
        EXPECT_FLOAT_EQ(a.panel_labels[i].style.size_px * 2, b.panel_labels[i].style.size_px);
    }
}

TEST(Decorations, TheBottomBandIsTheCaptionAndTheFootStacked) {
    Frame f = frame_of(1920, 1080);
    EXPECT_EQ(bottom_band_px(f), 0);
    add_decorations(f, everything(), OverlayStyle{}, kMeasure, 1.0f);
    // The highest full-width panel is the caption's edge, on top of the caption, on the foot.
    double top = 1080;
    for (const auto& p : f.panels)
        if (p.min_px.x <= 0 && p.max_px.x >= 1920) top = std::min(top, p.min_px.y);
    EXPECT_EQ(bottom_band_px(f), int(std::floor(1080 - top)));
    EXPECT_GT(bottom_band_px(f), 80);
    // Only a legend (no full-width panel): nothing along the bottom.
    Frame g = frame_of(1920, 1080);
    Decorations legend_only;
    legend_only.legend = everything().legend;
    add_decorations(g, legend_only, OverlayStyle{}, kMeasure, 1.0f);
    EXPECT_EQ(bottom_band_px(g), 0);
}

TEST(Decorations, NothingAskedAddsNothing) {
    Frame f = frame_of(800, 600);
    add_decorations(f, Decorations{}, OverlayStyle{}, kMeasure, 1.0f);
    EXPECT_TRUE(f.panels.empty());
    EXPECT_TRUE(f.panel_labels.empty());
    EXPECT_TRUE(Decorations{}.empty());
    EXPECT_FALSE(everything().empty());
}

// The caption's dateline stands at the right of the heading's row, inside the band; a heading
// that leaves no room for it puts it first among the source's lines.
TEST(Decorations, TheCaptionsDatelineIsBesideTheHeadingOrAboveTheSource) {
    for (const std::string& heading : {std::string("3 / 10   Kant"), std::string(140, 'x')}) {
        Decorations d;
        d.caption = Decorations::Caption{heading, "A passage.", "Iskandarov 2013", true, "The map on 28 June 2012"};
        Frame f = frame_of(1920, 1080);
        add_decorations(f, d, OverlayStyle{}, kMeasure, 1.0f);
        const FramePanel& band = f.panels.front();
        const auto date = std::find_if(f.panel_labels.begin(), f.panel_labels.end(),
                                       [](const FrameLabel& l) { return l.text == "The map on 28 June 2012"; });
        ASSERT_NE(date, f.panel_labels.end()) << "no dateline";
        const auto head = std::find_if(f.panel_labels.begin(), f.panel_labels.end(),
                                       [&](const FrameLabel& l) { return l.text == heading; });
        ASSERT_NE(head, f.panel_labels.end());
        EXPECT_GT(date->centre_px.y, band.min_px.y);
        if (heading.size() < 20) {
            EXPECT_NEAR(date->centre_px.y, head->centre_px.y, 1.0) << "not on the heading's row";
            EXPECT_GT(date->centre_px.x, 1920 / 2.0) << "not at the right";
        } else {
            EXPECT_GT(date->centre_px.y, head->centre_px.y + 10) << "drawn over the long heading";
        }
    }
}

}  // namespace
}  // namespace atlas
