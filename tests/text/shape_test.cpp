// Shaping: Persian joined and right to left, runs in visual order, Chinese from a CJK fallback,
// Latin measured as before (but for the font's kerning), characters no font has reported, any bytes
// at all shaped without a crash, and the clusters a PDF keeps its text with.
#include <ft2build.h>
#include <gtest/gtest.h>
#include FT_FREETYPE_H

#include <cmath>
#include <random>
#include <set>

#include "geo/model.hpp"
#include "support/gl.hpp"
#include "support/label_font.hpp"
#include "support/paths.hpp"
#include "text/shape.hpp"

namespace atlas {
namespace {

using test::labels;

// The glyph ids of `text`, left to right.
std::vector<std::uint32_t> glyph_ids(const ShapedText& text) {
    std::vector<std::uint32_t> ids;
    for (const auto& run : text.runs)
        for (const auto& g : run.glyphs) ids.push_back(g.id);
    return ids;
}

// Width of `text` in em as the atlas measured it before shaping: FreeType's unhinted advance of
// each code point of the label font at 1000 px, added up.
double per_code_point_width(const std::string& text) {
    static FT_Library lib = nullptr;
    static FT_Face face = nullptr;
    if (!face) {
        const FontFile f = find_font(kLabelFont);
        EXPECT_EQ(FT_Init_FreeType(&lib), 0);
        EXPECT_EQ(FT_New_Face(lib, f.path.c_str(), f.index, &face), 0);
        FT_Set_Pixel_Sizes(face, 0, 1000);
    }
    double w = 0;
    for (char32_t cp : decode_utf8(text))
        if (!FT_Load_Char(face, cp, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) w += face->glyph->advance.x / 64.0 / 1000;
    return w;
}

bool cjk_installed() {
    const FontChain& chain = labels().fonts();
    return chain.first_with(U'中') >= 0;
}

#define ATLAS_REQUIRE_CJK_FONT()                                                                     \
    if (!cjk_installed()) {                                                                          \
        if (test::in_ci()) FAIL() << "no CJK font: install cmake/packages.txt (fonts-wqy-microhei)"; \
        GTEST_SKIP() << "no CJK font installed (fonts-wqy-microhei)";                                \
    }

TEST(Shape, PersianIsJoinedNotIsolated) {
    // سلام: seen, lam, alef, meem. Joined, seen takes its initial form and lam-alef its ligature;
    // isolated, each letter is its own glyph.
    const auto joined = labels().shape("سلام");
    ASSERT_TRUE(joined->missing.empty()) << joined->missing_names();
    std::vector<std::uint32_t> isolated;
    for (const char* letter : {"م", "ا", "ل", "س"}) {  // right to left: the word's last letter leftmost
        const auto ids = glyph_ids(*labels().shape(letter));
        ASSERT_EQ(ids.size(), 1u) << letter;
        isolated.push_back(ids[0]);
    }
    const auto ids = glyph_ids(*joined);
    EXPECT_NE(ids, isolated);
    // The seen (the first letter, drawn rightmost) is not its isolated form.
    ASSERT_FALSE(ids.empty());
    EXPECT_NE(ids.back(), isolated.back());
    for (std::uint32_t id : ids) EXPECT_NE(id, 0u);
}

TEST(Shape, RunsComeInVisualOrder) {
    // A Persian paragraph is right to left: its first word is drawn rightmost, and the Latin word
    // inside it stays left to right.
    const auto rtl = labels().shape("کابل Kabul هرات");
    EXPECT_TRUE(rtl->rtl);
    ASSERT_GE(rtl->runs.size(), 3u);
    EXPECT_TRUE(rtl->runs.front().rtl);
    EXPECT_TRUE(rtl->runs.back().rtl);
    EXPECT_GT(rtl->runs.front().first, rtl->runs.back().first);  // هرات left of کابل
    bool latin_ltr = false;
    for (const auto& run : rtl->runs)
        if (!run.rtl) latin_ltr = true;
    EXPECT_TRUE(latin_ltr);
    // Within a right-to-left run the glyphs go from the logical end to the start.
    const auto& first = rtl->runs.front().glyphs;
    ASSERT_GE(first.size(), 2u);
    EXPECT_GT(first.front().cluster, first.back().cluster);

    // An English label with a Persian name inside is left to right, the name's run reversed.
    const auto ltr = labels().shape("Kabul (کابل) 2012");
    EXPECT_FALSE(ltr->rtl);
    ASSERT_GE(ltr->runs.size(), 2u);
    EXPECT_FALSE(ltr->runs.front().rtl);
    EXPECT_EQ(ltr->runs.front().first, 0u);
}

TEST(Shape, ChineseComesFromACjkFont) {
    ATLAS_REQUIRE_CJK_FONT();
    const auto text = labels().shape("中亚安全");
    EXPECT_TRUE(text->missing.empty()) << text->missing_names();
    ASSERT_FALSE(text->runs.empty());
    size_t glyphs = 0;
    for (const auto& run : text->runs) {
        EXPECT_NE(run.face, 0) << "DejaVu has no Han: the glyphs must come from a fallback";
        EXPECT_FALSE(*run.font == labels().fonts().file(0));
        for (const auto& g : run.glyphs) {
            EXPECT_NE(g.id, 0u);
            EXPECT_GT(g.advance, 0.5);  // a Han character is about one em wide
        }
        glyphs += run.glyphs.size();
    }
    EXPECT_EQ(glyphs, 4u);
    // In a Cyrillic, Persian and Chinese title, each script in its font, nothing missing.
    const auto title = labels().shape("Центральная Азия — امنیت در آسیای مرکزی — 中亚安全");
    EXPECT_TRUE(title->missing.empty()) << title->missing_names();
    EXPECT_FALSE(title->rtl);
    std::set<int> faces;
    for (const auto& run : title->runs) faces.insert(run.face);
    EXPECT_EQ(faces.size(), 2u);
}

TEST(Shape, LatinMeasuresAsBeforeUpToKerning) {
    // FreeType rounded each advance to 1/64 px at 1000 px: 1/64000 em a character.
    constexpr double kRoundingEmPerChar = 1.0 / 64000;
    // Text without kerning pairs measures as it did.
    for (const std::string text : {"Almaty 1997", "Kazakhstan", "Islamabad", "Kant airbase"})
        EXPECT_NEAR(labels().measure(text), per_code_point_width(text), kRoundingEmPerChar * double(text.size()))
            << text;
    // Every label of the map: the shaped width moves from the sum of the advances only by the
    // font's kerning (Tu, Ty, Ta, Ye ...), which tightens a few names by at most 0.16 em and 4%
    // (measured: 0.137 em, 3.5%, "Turkey"), and never widens one.
    const auto model = MapModel::load(test::data_dir(), "albers");
    double worst = 0;
    std::string worst_text;
    for (const auto& c : model->label_candidates) {
        const double before = per_code_point_width(c.text), now = labels().measure(c.text);
        ASSERT_GT(before, 0) << c.text;
        EXPECT_LE(now, before + kRoundingEmPerChar * double(c.text.size())) << c.text;
        EXPECT_LE(before - now, 0.16) << c.text;
        EXPECT_LE((before - now) / before, 0.04) << c.text;
        if ((before - now) / before > worst) {
            worst = (before - now) / before;
            worst_text = c.text;
        }
    }
    std::printf("Latin labels: kerning narrows them by at most %.2f%% (%s)\n", 100 * worst, worst_text.c_str());
}

TEST(Shape, CharactersNoFontHasAreReportedAndNotDrawn) {
    // A private-use character, an unassigned one and one in the last plane's private use.
    for (const std::string bad : {"\uE000", "\u0378", "\U0010FFFD"}) {
        const auto text = labels().shape("A" + bad + "B");
        ASSERT_EQ(text->missing.size(), 1u) << text->missing_names();
        EXPECT_EQ(text->missing, decode_utf8(bad));
        const auto ids = glyph_ids(*text);
        EXPECT_EQ(ids, glyph_ids(*labels().shape("AB")));  // A and B drawn, no .notdef box
        EXPECT_NEAR(text->width, labels().measure("AB"), 1e-9);
    }
    EXPECT_EQ(labels().shape("x\uE000y\U0010FFFD\uE000")->missing_names(), "U+E000, U+10FFFD");
    // Joiners and controls are drawn as nothing on purpose: not missing. (Persian's half-space.)
    EXPECT_TRUE(labels().shape("می\u200Cخواهم")->missing.empty());
    EXPECT_TRUE(labels().shape("a\tb")->missing.empty());
}

TEST(Shape, AMeasureNotesTheTextsItCouldNotDrawForOneLine) {
    std::vector<std::string> undrawable;
    const TextMeasure measure = measure_noting(labels(), undrawable);
    // A caption laid out word by word measures its beginnings: the line names the whole.
    for (const char* text : {"Kant", "Kant \uE000", "Kant \uE000 air", "Kant \uE000 airbase", "Kant \uE000 air"})
        measure(text);
    EXPECT_EQ(undrawable.size(), 3u);
    EXPECT_EQ(undrawable_note(labels(), undrawable),
              "no installed font has U+E000 (in 'Kant \uE000 airbase'): left out");
    EXPECT_EQ(undrawable_note(labels(), {}), "");
}

TEST(Shape, IllFormedUtf8BecomesReplacementCharacters) {
    EXPECT_EQ(decode_utf8("A\xff"
                          "B"),
              U"A\uFFFDB");
    EXPECT_EQ(decode_utf8("\xc3"), U"\uFFFD");            // truncated
    EXPECT_EQ(decode_utf8("\xc0\xaf"), U"\uFFFD\uFFFD");  // overlong '/'
    EXPECT_EQ(decode_utf8("\xed\xa0\x80"
                          "a"),
              U"\uFFFD\uFFFD\uFFFD"
              U"a");                                                          // a surrogate
    EXPECT_EQ(decode_utf8("\xf4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
    EXPECT_EQ(encode_utf8(decode_utf8("Душанбе 中 سلام")), "Душанбе 中 سلام");
    const auto text = labels().shape("Kabul\xff");
    EXPECT_EQ(text->text, U"Kabul\uFFFD");
    // Any bytes at all: shaped, finite, and every glyph a real one.
    std::mt19937 random(1992);
    for (int i = 0; i < 2000; ++i) {
        std::string bytes(size_t(random() % 24), '\0');
        for (char& b : bytes) b = char(random() % 256);
        const auto t = labels().shape(bytes);
        ASSERT_TRUE(std::isfinite(t->width));
        for (std::uint32_t id : glyph_ids(*t)) ASSERT_NE(id, 0u);
    }
    EXPECT_EQ(labels().shape("")->width, 0);
    EXPECT_TRUE(labels().shape("")->runs.empty());
}

TEST(Shape, ResultsAreRememberedPerText) {
    const auto a = labels().shape("Kyrgyzstan"), b = labels().shape("Kyrgyzstan");
    EXPECT_EQ(a.get(), b.get());
    // Different fonts shape the same text apart.
    EXPECT_NE(shaper_for(kSerifFont).shape("Kyrgyzstan").get(), a.get());
}

TEST(Shape, ClustersCoverTheRunsTextAndGlyphs) {
    const auto text = labels().shape("سلام Kant");
    for (const auto& run : text->runs) {
        const RunClusters rc = run_clusters(*text, run);
        EXPECT_EQ(rc.backward, run.rtl);
        EXPECT_EQ(rc.utf8, encode_utf8(text->text.substr(run.first, run.count)));
        int bytes = 0, glyphs = 0;
        for (const auto& [b, g] : rc.clusters) {
            EXPECT_TRUE(b > 0 || g > 0);
            bytes += b;
            glyphs += g;
        }
        EXPECT_EQ(size_t(bytes), rc.utf8.size());
        EXPECT_EQ(size_t(glyphs), run.glyphs.size());
    }
}

}  // namespace
}  // namespace atlas
