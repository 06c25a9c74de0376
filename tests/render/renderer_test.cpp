// Render tests: headless exports of fixed views compared with committed expected images, and
// pixel probes that cannot pass by accident (a country's own fill, water, a border's colour).
// Set ATLAS_UPDATE_EXPECTED=1 to rewrite the expected images from the current renderer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

#include "core/style.hpp"
#include "export/export.hpp"
#include "geo/raster.hpp"
#include "render/font.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/render_fixture.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Render;

// The base map alone: countries, provinces and labels, none of the article's layers.
Layers base_map() {
    Layers l;
    l.memberships = l.northern_border = l.regions = l.places = l.capitals = l.graticule = false;
    return l;
}

// Pixel at a lon/lat in a rendered image.
const std::uint8_t* probe(const test::Image& img, const MapModel& m, const AppState& s, Vec2 lonlat) {
    const Vec2 p = s.camera.to_screen(m.projection->forward(lonlat));
    return img.at(int(std::floor(p.x)), int(std::floor(p.y)));
}

bool same_rgb(const std::uint8_t* px, Rgba c, int tolerance = 0) {
    return std::abs(px[0] - c.r) <= tolerance && std::abs(px[1] - c.g) <= tolerance &&
           std::abs(px[2] - c.b) <= tolerance;
}

// A test's image, kept as render-out/<name>/actual.png for a look.
void keep_actual(const std::string& name, const test::Image& img) {
    const fs::path out = fs::path(test::output_dir()) / "render-out" / name;
    fs::create_directories(out);
    write_png((out / "actual.png").string(), img.rgba.data(), img.width, img.height);
}

std::string rgb(const std::uint8_t* p) {
    return std::to_string(p[0]) + "," + std::to_string(p[1]) + "," + std::to_string(p[2]);
}

TEST_F(Render, ProbesSeeCountryWaterAndBorder) {
    const Style style;
    Layers fills_only = base_map();  // the neighbour palette
    fills_only.provinces = false;
    fills_only.labels = false;
    const View view{65, 42, 4200};
    const AppState s = state_for("albers", view, 1200, 800, 3.0f, fills_only);
    const auto img = to_image(fx_->render("albers", s), 1200, 800);
    const MapModel& m = fx_->model("albers");
    const int kaz = m.world->country_index("KAZ");
    ASSERT_GE(kaz, 0);
    const Rgba kaz_fill = style.country_palette[size_t(m.colours[size_t(kaz)])];
    const auto* in_kaz = probe(img, m, s, {67.0, 48.0});  // the steppe near Karagandy oblast's west
    EXPECT_TRUE(same_rgb(in_kaz, kaz_fill)) << "Kazakhstan is " << rgb(in_kaz);
    const auto* caspian = probe(img, m, s, {51.0, 42.0});  // the middle Caspian
    EXPECT_TRUE(same_rgb(caspian, style.water)) << "Caspian is " << rgb(caspian);
    // A vertex in the middle of the Afghanistan-Tajikistan boundary line.
    const World& w = *m.world;
    const Boundary* afg_tjk = nullptr;
    for (const auto& b : w.boundaries)
        if (b.iso_left == "AFG" && b.iso_right == "TJK") afg_tjk = &b;
    ASSERT_NE(afg_tjk, nullptr);
    const Polyline& line = afg_tjk->lines.front();
    const auto* border = probe(img, m, s, line[line.size() / 2]);
    EXPECT_TRUE(same_rgb(border, style.country_line.colour, 8)) << "the Tajik-Afghan border is " << rgb(border);
}

TEST_F(Render, MembershipOverlaysPaintFillAndPattern) {
    const OverlayStyle style;
    Layers layers = base_map();
    layers.memberships = true;
    layers.provinces = false;
    layers.labels = false;
    const View view{65, 42, 4200};
    AppState s = state_for("albers", view, 1200, 800, 1.0f, layers);
    s.date = kArticleDate;
    const auto img = to_image(fx_->render("albers", s), 1200, 800);
    const MapModel& m = fx_->model("albers");
    // Turkmenistan, in neither organisation: the plain fill.
    const auto* tkm = probe(img, m, s, {59.0, 39.5});
    EXPECT_TRUE(same_rgb(tkm, style.neither)) << "Turkmenistan is " << rgb(tkm);
    // Kazakhstan, in both: around a point, the CSTO's blue between the SCO's dense stripes.
    const Vec2 p = s.camera.to_screen(m.projection->forward({67.0, 48.0}));
    int blue = 0, stripe = 0;
    for (int dy = -8; dy < 8; ++dy)
        for (int dx = -8; dx < 8; ++dx) {
            const auto* px = img.at(int(p.x) + dx, int(p.y) + dy);
            blue += same_rgb(px, style.csto_member, 6);
            stripe += same_rgb(px, style.hatch, 6);
        }
    EXPECT_GT(blue, 40) << "no CSTO fill in Kazakhstan";
    EXPECT_GT(stripe, 40) << "no SCO stripes in Kazakhstan";
    // Iran, an SCO observer outside the CSTO: thin stripes on the plain fill, mostly fill.
    const Vec2 q = s.camera.to_screen(m.projection->forward({54.0, 33.0}));
    int plain = 0, dark = 0;
    for (int dy = -8; dy < 8; ++dy)
        for (int dx = -8; dx < 8; ++dx) {
            const auto* px = img.at(int(q.x) + dx, int(q.y) + dy);
            plain += same_rgb(px, style.neither, 6);
            dark += same_rgb(px, style.hatch, 40);
        }
    EXPECT_GT(plain, 128) << "Iran's fill";
    EXPECT_GT(dark, 10) << "Iran's observer stripes";
    EXPECT_LT(dark, stripe) << "observer stripes are thinner than member stripes";
}

// Crimea on the article's day is Ukraine's: its fill (no CSTO or SCO pattern) reaches the
// Black Sea coast; from 18 March 2014 it takes Russia's paint, and its edge with Ukraine
// becomes a border.
TEST_F(Render, CrimeaIsFilledAsWhoeverControlsItOnTheDay) {
    const OverlayStyle style;
    Layers layers = base_map();
    layers.memberships = true;
    layers.provinces = false;
    layers.labels = false;
    const MapModel& m = fx_->model("albers");
    const View view{34.5, 45.8, 900};
    const Vec2 simferopol{34.1, 44.95}, kherson_steppe{33.8, 46.9}, perekop{33.69, 46.16};
    AppState s = state_for("albers", view, 1200, 800, 1.0f, layers);
    s.date = kArticleDate;
    const auto before = to_image(fx_->render("albers", s), 1200, 800);
    const auto* crimea = probe(before, m, s, simferopol);
    const auto* ukraine = probe(before, m, s, kherson_steppe);
    EXPECT_TRUE(same_rgb(crimea, style.neither)) << "Crimea on 2012-12-31 is " << rgb(crimea);
    EXPECT_TRUE(same_rgb(ukraine, style.neither)) << "Ukraine on 2012-12-31 is " << rgb(ukraine);
    auto csto_blue_around = [&](const test::Image& img, const AppState& st, Vec2 ll) {
        const Vec2 p = st.camera.to_screen(m.projection->forward(ll));
        int blue = 0;
        for (int dy = -8; dy < 8; ++dy)
            for (int dx = -8; dx < 8; ++dx) blue += same_rgb(img.at(int(p.x) + dx, int(p.y) + dy), style.csto_member, 6);
        return blue;
    };
    EXPECT_EQ(csto_blue_around(before, s, simferopol), 0) << "Russia's CSTO fill covers Crimea in 2012";
    // No border line across the Perekop isthmus while both sides are Ukraine's.
    const auto* isthmus = probe(before, m, s, perekop);
    EXPECT_FALSE(same_rgb(isthmus, Style{}.country_line.colour, 8)) << "a border at Perekop in 2012: " << rgb(isthmus);

    s.date = Date{2014, 3, 18};
    const auto after = to_image(fx_->render("albers", s), 1200, 800);
    EXPECT_GT(csto_blue_around(after, s, simferopol), 40) << "Crimea on 2014-03-18 is not filled as Russia";
    EXPECT_EQ(csto_blue_around(after, s, kherson_steppe), 0);
    // The day before, still Ukraine's.
    s.date = Date{2014, 3, 17};
    EXPECT_EQ(csto_blue_around(to_image(fx_->render("albers", s), 1200, 800), s, simferopol), 0);
}

// `big` (k times w x h) box-filtered down to w x h.
test::Image scaled_down(const std::vector<std::uint8_t>& big, int w, int h, int k) {
    test::Image out{w, h, std::vector<std::uint8_t>(size_t(w) * size_t(h) * 4)};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int dy = 0; dy < k; ++dy)
                    for (int dx = 0; dx < k; ++dx)
                        sum += big[(size_t(k * y + dy) * size_t(k * w) + size_t(k * x + dx)) * 4 + size_t(c)];
                out.rgba[(size_t(y) * size_t(w) + size_t(x)) * 4 + size_t(c)] = std::uint8_t(sum / (k * k));
            }
    return out;
}

TEST_F(Render, ExportAtTwiceTheSizeMatchesWhenScaledDown) {
    // Same view, same labels: a 2x export box-filtered to 1x stays close to the 1x image.
    const View view{66, 41, 3000};
    const AppState s1 = state_for("albers", view, 480, 320, 1.0f, base_map());
    const AppState s2 = rescaled(s1, 960, 640);
    const auto a = to_image(fx_->render("albers", s1), 480, 320);
    const auto b = scaled_down(fx_->render("albers", s2), 480, 320, 2);
    // Glyphs are hinted at each size and thin lines fade differently, so the edges of text and
    // province lines differ between resolutions: at most 3% of pixels over pixelmatch's default
    // threshold (measured: 2.2% on this view), while fills, borders and label positions agree.
    const auto cmp = test::compare(a, b, 0.1);
    const fs::path out = fs::path(test::output_dir()) / "render-out" / "twice-the-size";
    fs::create_directories(out);
    write_png((out / "1x.png").string(), a.rgba.data(), a.width, a.height);
    write_png((out / "2x-scaled-down.png").string(), b.rgba.data(), b.width, b.height);
    write_png((out / "diff.png").string(), cmp.diff.rgba.data(), cmp.diff.width, cmp.diff.height);
    EXPECT_LT(cmp.fraction, 0.03) << cmp.differing << " pixels differ; see " << out;
}

TEST_F(Render, AFigureAtFourTimesTheSizeMatchesWhenScaledDown) {
    // A whole figure (every layer of the article, title, legend, scale bar, caption, foot) at 4x,
    // box-filtered to 1x, against the 1x figure: the same map and the same layout.
    const View view{68, 41, 3200};
    MapModel& m = fx_->model("albers");
    const AppState s1 = state_for("albers", view, 640, 400, 1.0f);
    const AppState s4 = rescaled(s1, 2560, 1600);
    FigureChoice choice;
    choice.title = "The CSTO and the SCO";
    choice.legend = choice.scale_bar = choice.attribution = true;
    choice.caption_passage = "integration-22";
    Figure f1, f4;
    f1.decorations = decorations_for(m, s1, choice);
    f4.decorations = decorations_for(m, s4, choice);
    ASSERT_FALSE(f1.decorations.legend.empty());
    ASSERT_TRUE(f1.decorations.scale_bar && f4.decorations.scale_bar);
    EXPECT_EQ(f1.decorations.scale_bar->label, f4.decorations.scale_bar->label);
    fx_->renderer->upload(m.projected);
    fx_->renderer->upload_features(m.features);
    const auto a = to_image(render_offscreen(*fx_->renderer, m, s1, fx_->measure, f1), 640, 400);
    const auto b = scaled_down(render_offscreen(*fx_->renderer, m, s4, fx_->measure, f4), 640, 400, 4);
    // Text is hinted at each size, hairlines fade when filtered, and the patterns' stripes are
    // anti-aliased at each size, so edges differ everywhere a little: at most 6% of pixels over
    // pixelmatch's default threshold and a mean difference per channel of at most 8 of 255
    // (measured on llvmpipe: 4.05% and 5.8). A misplaced block or label breaks both.
    const auto cmp = test::compare(a, b, 0.1);
    double total = 0;
    for (size_t i = 0; i < a.rgba.size(); ++i) total += std::abs(int(a.rgba[i]) - int(b.rgba[i]));
    const double mean = total / double(a.rgba.size());
    const fs::path out = fs::path(test::output_dir()) / "render-out" / "four-times-the-size";
    fs::create_directories(out);
    write_png((out / "1x.png").string(), a.rgba.data(), a.width, a.height);
    write_png((out / "4x-scaled-down.png").string(), b.rgba.data(), b.width, b.height);
    write_png((out / "diff.png").string(), cmp.diff.rgba.data(), cmp.diff.width, cmp.diff.height);
    std::printf("4x figure scaled down: %.2f%% of pixels differ, mean difference %.2f of 255\n", 100 * cmp.fraction,
                mean);
    EXPECT_LT(cmp.fraction, 0.06) << cmp.differing << " pixels differ; see " << out;
    EXPECT_LT(mean, 8.0) << "see " << out;
}

TEST_F(Render, RowsUnderTheCaptionAreLeftUndrawnAndTheRestIsTheSame) {
    // The presentation's opaque caption covers the bottom rows: the renderer leaves them as they
    // were (here a colour no map has) and draws every other row exactly as without it.
    const AppState s = state_for("albers", View{68, 40, 2500}, 400, 300, 1.0f);
    MapModel& m = fx_->model("albers");
    fx_->renderer->upload(m.projected);
    fx_->renderer->upload_features(m.features);
    Frame frame = build_frame(s, Style{}, m.colours, m.label_candidates, fx_->measure, m.extras(s, Style{}));
    OffscreenTarget target(400, 300);
    std::vector<std::uint8_t> full, covered;
    target.bind();
    fx_->renderer->draw(frame, 400, 300);
    target.read_bottom_rows(300, full);
    frame.covered_bottom_px = 90;
    target.bind();
    glClearColor(1, 0, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    fx_->renderer->draw(frame, 400, 300);
    target.read_bottom_rows(300, covered);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    size_t magenta_below = 0, magenta_above = 0, differ_above = 0;
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 400; ++x) {
            const std::uint8_t* p = &covered[(size_t(y) * 400 + size_t(x)) * 4];
            const bool magenta = p[0] == 255 && p[1] == 0 && p[2] == 255;
            if (y >= 210) {
                magenta_below += magenta;
            } else {
                magenta_above += magenta;
                differ_above += std::memcmp(p, &full[(size_t(y) * 400 + size_t(x)) * 4], 4) != 0;
            }
        }
    EXPECT_EQ(magenta_below, size_t(400 * 90));
    EXPECT_EQ(magenta_above, 0u);
    EXPECT_EQ(differ_above, 0u);
}

TEST_F(Render, ATitleInCyrillicPersianAndChineseIsDrawnInFull) {
    // A figure's title in three scripts: every character has a font (nothing reported missing, no
    // .notdef glyph), and each run of the shaped title, Persian and Chinese included, leaves ink
    // of the title's colour where the layout puts it.
    const std::string title = "Центральная Азия — امنیت در آسیای مرکزی — 中亚安全";
    TextShaper& shaper = fx_->font.shaper();
    const auto shaped = shaper.shape(title);
    EXPECT_TRUE(shaped->missing.empty()) << "no font for " << shaped->missing_names();
    bool persian = false, other_font = false;
    for (const auto& run : shaped->runs) {
        persian = persian || run.rtl;
        other_font = other_font || run.face != 0;
        for (const auto& g : run.glyphs) EXPECT_NE(g.id, 0u) << ".notdef in the run at " << run.first;
    }
    EXPECT_TRUE(persian) << "no right-to-left run";
    if (!other_font && test::in_ci()) FAIL() << "Chinese drawn without a CJK font: install fonts-wqy-microhei";

    constexpr int kW = 1600, kH = 400;
    MapModel& m = fx_->model("albers");
    AppState s = state_for("albers", View{68, 41, 3200}, kW, kH, 1.0f, base_map());
    s.layers.labels = false;
    FigureChoice choice;
    choice.title = title;
    Figure figure;
    figure.decorations = decorations_for(m, s, choice);
    const Frame frame = figure_frame(m, s, fx_->measure, figure);
    const auto label = std::find_if(frame.panel_labels.begin(), frame.panel_labels.end(),
                                    [&](const FrameLabel& l) { return l.text == title; });
    ASSERT_NE(label, frame.panel_labels.end()) << "the title was wrapped or cut";
    fx_->renderer->upload(m.projected);
    fx_->renderer->upload_features(m.features);
    const auto img = to_image(render_offscreen(*fx_->renderer, m, s, fx_->measure, figure), kW, kH);
    const float size = label->style.size_px;
    double pen = label->centre_px.x - shaped->width * size / 2;
    const int top = int(label->centre_px.y - 0.6 * size), bottom = int(label->centre_px.y + 0.6 * size);
    for (const auto& run : shaped->runs) {
        double width = 0;
        for (const auto& g : run.glyphs) width += g.advance * size;
        size_t ink = 0, all = 0;
        for (int y = std::max(0, top); y < std::min(kH, bottom); ++y)
            for (int x = std::max(0, int(pen)); x < std::min(kW, int(pen + width)); ++x, ++all) {
                const std::uint8_t* p = img.at(x, y);
                const Rgba c = label->style.colour;
                ink += std::abs(p[0] - c.r) + std::abs(p[1] - c.g) + std::abs(p[2] - c.b) < 90;
            }
        const std::string text = encode_utf8(shaped->text.substr(run.first, run.count));
        // Letters cover a tenth or more of their line's box; a run of a dash and spaces less.
        EXPECT_GT(double(ink), 0.02 * double(all)) << "no ink for '" << text << "'";
        pen += width;
    }
    keep_actual("three-scripts", img);
}

// The legend's marks are drawn over its white box, in their own colours, as the map draws them
// (they were drawn nowhere: the legend had only swatches).
TEST_F(Render, ALegendsMarksAreDrawnOverItsBox) {
    MapModel& m = fx_->model("albers");
    AppState s = state_for("albers", View{74.8, 42.9, 400}, 800, 600, 1.0f);  // the Kant scene's view
    FigureChoice choice;
    choice.legend = true;
    Figure figure;
    figure.decorations = decorations_for(m, s, choice);
    fx_->renderer->upload(m.projected);
    fx_->renderer->upload_features(m.features);
    const Frame frame = figure_frame(m, s, fx_->measure, figure);
    ASSERT_FALSE(frame.panel_symbols.empty());
    const auto img = to_image(render_offscreen(*fx_->renderer, m, s, fx_->measure, figure), 800, 600);
    for (const FrameSymbol& mark : frame.panel_symbols) {
        if (mark.hollow) continue;  // an outline: its centre is the box's
        const std::uint8_t* p = img.at(int(mark.centre_px.x), int(mark.centre_px.y));
        EXPECT_TRUE(same_rgb(p, mark.fill, 24)) << "shape " << int(mark.shape) << ": " << rgb(p);
    }
    keep_actual("legend-marks", img);
}

// A border stays visible over the memberships' fills and patterns: on the Kant scene the
// Kazakhstan-Kyrgyzstan border, a dark line in a dark pattern, disappeared. The borders get a light
// casing there (and only there: a map without the memberships has none).
TEST_F(Render, BordersHaveALightCasingOverTheMemberships) {
    MapModel& m = fx_->model("albers");
    AppState s = state_for("albers", View{74.8, 42.9, 400}, 800, 600, 1.0f);  // the Kant scene's view
    fx_->renderer->upload(m.projected);
    fx_->renderer->upload_features(m.features);
    const Frame frame = build_frame(s, Style{}, m.colours, m.label_candidates, fx_->measure, m.extras(s, Style{}));
    ASSERT_GT(frame.country_halo.width_px, frame.country_line.width_px);
    Frame bare = frame;
    bare.country_halo.width_px = 0;
    auto light = [&](const Frame& f) {
        OffscreenTarget target(800, 600);
        std::vector<std::uint8_t> px;
        target.bind();
        fx_->renderer->draw(f, 800, 600);
        target.read_bottom_rows(600, px);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        size_t n = 0;
        for (size_t i = 0; i + 3 < px.size(); i += 4) n += px[i] > 190 && px[i + 1] > 190 && px[i + 2] > 190;
        return n;
    };
    const size_t cased = light(frame), uncased = light(bare);
    // About a pixel of casing either side of the line along the borders in view (1,197 more light
    // pixels measured on llvmpipe; none without the casing).
    EXPECT_GT(cased, uncased + 800) << cased << " light pixels with the casing, " << uncased << " without";
    Layers plain = s.layers;
    plain.memberships = false;
    AppState without = s;
    without.layers = plain;
    EXPECT_EQ(build_frame(without, Style{}, m.colours, m.label_candidates, fx_->measure, m.extras(without, Style{}))
                  .country_halo.width_px,
              0.0f);
}

// One expected image per folder in tests/render/cases: case.txt holds key=value lines.
struct Case {
    std::string name, projection = "albers";
    View view;
    int width = 640, height = 400;
    float scale = 1.0f;
    Layers layers;
    Date date = kArticleDate;
    double max_fraction = 0.001;
};

// A case reads as its folder's name in the test's listing.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> load_cases() {
    std::vector<Case> out;
    const fs::path root = fs::path(test::source_dir()) / "render" / "cases";
    for (const auto& d : fs::directory_iterator(root)) {
        Case c;
        c.name = d.path().filename().string();
        std::ifstream in(d.path() / "case.txt");
        std::string line;
        while (std::getline(in, line)) {
            const auto eq = line.find('=');
            if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
            const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
            if (k == "projection") c.projection = v;
            if (k == "view") c.view = parse_view(v);
            if (k == "size") std::sscanf(v.c_str(), "%dx%d", &c.width, &c.height);
            if (k == "scale") c.scale = std::stof(v);
            if (k == "layers") {
                auto has = [&v](const char* w) { return v.find(w) != std::string::npos; };
                c.layers.countries = has("countries");
                c.layers.provinces = has("provinces");
                c.layers.labels = has("labels");
                c.layers.memberships = has("memberships");
                c.layers.northern_border = has("northern_border");
                c.layers.regions = has("regions");
                c.layers.places = has("places");
                c.layers.capitals = has("capitals");
                c.layers.graticule = has("graticule");
            }
            if (k == "date") c.date = Date::parse(v).value_or(Date{});
            if (k == "max_diff_fraction") c.max_fraction = std::stod(v);
        }
        out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
    return out;
}

// The shipped cases are all there (a folder lost would otherwise only lose its test).
TEST(RenderCases, AreFound) { EXPECT_GE(load_cases().size(), 8u); }

// Each case is its own test, named after its folder, so a failure names its case.
class ExpectedImage : public Render, public ::testing::WithParamInterface<Case> {};

TEST_P(ExpectedImage, Matches) {
    const Case& c = GetParam();
    const bool update =
        std::getenv("ATLAS_UPDATE_EXPECTED") && std::string(std::getenv("ATLAS_UPDATE_EXPECTED")) == "1";
    AppState s = state_for(c.projection, c.view, c.width, c.height, c.scale, c.layers);
    s.date = c.date;
    const auto px = fx_->render(c.projection, s);
    const fs::path src = fs::path(test::source_dir()) / "render" / "cases" / c.name;
    const fs::path out = fs::path(test::output_dir()) / "render-out" / c.name;
    fs::create_directories(out);
    write_png((out / "actual.png").string(), px.data(), c.width, c.height);
    if (update) {
        write_png((src / "expected.png").string(), px.data(), c.width, c.height);
        return;
    }
    const test::Image expected = test::read_png((src / "expected.png").string());
    ASSERT_GT(expected.width, 0) << "missing " << (src / "expected.png") << " (run with ATLAS_UPDATE_EXPECTED=1)";
    const auto cmp = test::compare(expected, to_image(px, c.width, c.height), 0.1);
    write_png((out / "diff.png").string(), cmp.diff.rgba.data(), cmp.diff.width, cmp.diff.height);
    EXPECT_LE(cmp.fraction, c.max_fraction)
        << cmp.differing << " pixels differ; see " << (out / "actual.png") << " and " << (out / "diff.png");
}

INSTANTIATE_TEST_SUITE_P(Render, ExpectedImage, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& case_info) {
                             std::string name = case_info.param.name;
                             for (char& ch : name)
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return name;
                         });

}  // namespace
}  // namespace atlas
