// The vector exports: the SVG read back with libxml2 (one Inkscape layer per visible layer, the
// frame's labels as <text>), the PDF's text read with poppler's tools, and both rendered
// (rsvg-convert, pdftoppm) against the PNG the GL renderer makes of the same view.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gdal_priv.h>

#include "core/explore.hpp"
#include "core/tour.hpp"
#include "export/export.hpp"
#include "geo/model.hpp"
#include "geo/project.hpp"
#include "support/export_fixture.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "text/shape.hpp"
#include "export/vector.hpp"
#include "core/quiz.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::font;
using test::Vector;

// The SVG's Inkscape layers in document order: their id, whether they are children of the root,
// and the text of each <text> in them.
struct SvgLayer {
    std::string id;
    std::string label;  // inkscape:label
    bool top_level = false;
    std::vector<std::string> texts;
};

std::string attribute(xmlNode* n, const char* name, const char* ns = nullptr) {
    xmlChar* v = ns ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns) : xmlGetProp(n, BAD_CAST name);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
}

constexpr const char* kInkscape = "http://www.inkscape.org/namespaces/inkscape";

// Walks the elements under `n`; `current` is the index in `out` of the layer they are in (-1: none).
void collect(xmlNode* n, xmlNode* root, std::vector<SvgLayer>& out, int current) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const std::string name = reinterpret_cast<const char*>(n->name);
        int here = current;
        if (name == "g" && attribute(n, "groupmode", kInkscape) == "layer") {
            out.push_back({attribute(n, "id"), attribute(n, "label", kInkscape), n->parent == root, {}});
            here = int(out.size()) - 1;
        }
        if (name == "text") {
            xmlChar* t = xmlNodeGetContent(n);
            EXPECT_GE(here, 0) << "a text outside every layer: " << reinterpret_cast<const char*>(t);
            if (here >= 0) out[size_t(here)].texts.push_back(reinterpret_cast<const char*>(t));
            xmlFree(t);
            EXPECT_EQ(attribute(n, "font-family"), "DejaVu Sans");
            if (!attribute(n, "stroke").empty()) {  // a halo: under the letters
                EXPECT_EQ(attribute(n, "paint-order"), "stroke");
            }
        }
        collect(n->children, root, out, here);
    }
}

// Parses the SVG (failing the test if it is not well-formed XML with an <svg> root).
std::vector<SvgLayer> svg_layers(const std::string& path) {
    std::vector<SvgLayer> out;
    xmlDocPtr doc = xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET);
    EXPECT_TRUE(doc) << path << " is not well-formed XML";
    if (!doc) return out;
    xmlNode* root = xmlDocGetRootElement(doc);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(root->name)), "svg");
    collect(root->children, root, out, -1);
    xmlFreeDoc(doc);
    return out;
}

// The layer groups a set of visible layers must give, written out here independently: each layer
// that draws shapes has its group, and each that has names a group of its names.
std::multiset<std::string> expected_groups(const std::string& layers_words, bool selection) {
    static const std::map<std::string, std::vector<std::string>> groups{
        {"countries", {"land", "countries"}},
        {"provinces", {"provinces"}},
        {"labels", {"labels"}},
        {"memberships", {"memberships"}},
        {"northern_border", {"northern_border", "northern_border-names"}},
        {"regions", {"regions", "regions-names"}},
        {"places", {"places", "places-names"}},
        {"capitals", {"capitals", "capitals-names"}},
        {"graticule", {"graticule"}},
    };
    std::multiset<std::string> out;
    std::stringstream in(layers_words);
    for (std::string w; in >> w;)
        for (const auto& g : groups.at(w)) out.insert(g);
    if (selection) out.insert("selection");
    return out;
}

TEST_F(Vector, TheSvgHasOneLayerGroupPerVisibleLayer) {
    // Every scene of the tour (its own layers, date and highlight), and two states of our own.
    struct Case {
        std::string name;
        AppState state;
        std::string words;  // the visible layers, as tour.csv names them
        bool selection;
    };
    std::vector<Case> cases;
    for (const Scene& sc : model().tour) {
        AppState s = state_for(sc.view, 800, 450, sc.layers, sc.date);
        apply_scene(sc, s);
        // An organisation's members that day, outlined as the exports do.
        if (model().facts->organisation(s.selected)) s.selected_members = members_to_show(*model().facts, s.selected, s.date);
        cases.push_back({sc.id, s, layers_text(sc.layers), !sc.highlight.empty()});
    }
    Layers all;
    cases.push_back({"all", state_for(View{}, 800, 450, all, kArticleDate), layers_text(all), false});
    Layers few;
    few = Layers{false, false, true, false, false, false, true, false, false};
    cases.push_back({"labels and places", state_for(View{}, 800, 450, few, kArticleDate), "labels places", false});
    for (const Case& c : cases) {
        const std::string path = dir + "/" + c.name + ".svg";
        export_svg(model(), c.state, measure(), path);
        const auto layers = svg_layers(path);
        std::multiset<std::string> ids;
        for (const auto& l : layers) {
            ids.insert(l.id);
            EXPECT_TRUE(l.top_level) << c.name << ": layer " << l.id << " is nested";
        }
        EXPECT_EQ(ids, expected_groups(c.words, c.selection)) << c.name;
    }
}

// A PDF read through GDAL (poppler): its layers' names as GDAL gives them (spaces and commas
// made '_'), in order, and the page rendered at 96 dpi (a pixel of the map) with `layers_off`
// hidden.
struct PdfRead {
    std::vector<std::string> layers;
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // band-interleaved by pixel
};
PdfRead read_pdf(const std::string& path, const std::string& layers_off = "") {
    GDALAllRegister();
    const std::string off = "LAYERS_OFF=" + layers_off;
    const char* options[] = {"DPI=96", layers_off.empty() ? nullptr : off.c_str(), nullptr};
    PdfRead out;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, options));
    EXPECT_TRUE(ds) << "GDAL cannot read " << path;
    if (!ds) return out;
    for (char** md = ds->GetMetadata("LAYERS"); md && *md; ++md) {
        const std::string kv = *md;
        out.layers.push_back(kv.substr(kv.find('=') + 1));
    }
    out.width = ds->GetRasterXSize();
    out.height = ds->GetRasterYSize();
    out.rgb.resize(size_t(out.width) * size_t(out.height) * 3);
    int bands[] = {1, 2, 3};
    EXPECT_EQ(ds->RasterIO(GF_Read, 0, 0, out.width, out.height, out.rgb.data(), out.width, out.height, GDT_Byte, 3,
                           bands, 3, out.width * 3, 1, nullptr),
              CE_None);
    return out;
}

std::string gdal_layer_name(std::string label) {
    std::replace(label.begin(), label.end(), ' ', '_');
    std::replace(label.begin(), label.end(), ',', '_');
    return label;
}

TEST_F(Vector, ThePdfsLayersAreTheSvgsGroupsAndHoldEveryMark) {
    // Every scene of the tour: the PDF's layers are the SVG's groups, by name and in order.
    for (const Scene& sc : model().tour) {
        AppState s = state_for(sc.view, 640, 360, sc.layers, sc.date);
        apply_scene(sc, s);
        export_svg(model(), s, measure(), dir + "/" + sc.id + ".svg");
        export_pdf(model(), s, measure(), dir + "/" + sc.id + ".pdf");
        std::vector<std::string> from_svg;
        for (const auto& l : svg_layers(dir + "/" + sc.id + ".svg")) from_svg.push_back(gdal_layer_name(l.label));
        EXPECT_EQ(read_pdf(dir + "/" + sc.id + ".pdf").layers, from_svg) << sc.id;
    }
    // A figure with every layer: hiding one layer hides its marks, and hiding them all leaves
    // only the water under them.
    FigureChoice choice;
    choice.title = "Layers";
    choice.legend = choice.scale_bar = choice.attribution = true;
    const AppState s = state_for(View{70.5, 37.5, 1400}, 800, 450, Layers{}, kArticleDate);  // provinces drawn
    Figure figure;
    figure.decorations = decorations_for(model(), s, choice);
    const std::string pdf = dir + "/all.pdf";
    export_pdf(model(), s, measure(), pdf, figure);
    const PdfRead all = read_pdf(pdf);
    ASSERT_EQ(all.layers.size(), expected_groups(layers_text(Layers{}), false).size() + 1);
    EXPECT_EQ(all.layers.back(), gdal_layer_name("Title, legend, scale bar and caption"));
    ASSERT_EQ(all.width, 800);
    auto differing = [&](const PdfRead& r) {
        long n = 0;
        for (size_t i = 0; i < r.rgb.size(); i += 3)
            if (!std::equal(&r.rgb[i], &r.rgb[i] + 3, &all.rgb[i])) ++n;
        return n;
    };
    std::string every;
    for (const auto& name : all.layers) {
        const long n = differing(read_pdf(pdf, name));
        EXPECT_GT(n, 0) << "hiding " << name << " changes nothing";
        every += (every.empty() ? "" : ",") + name;
    }
    const PdfRead bare = read_pdf(pdf, every);
    std::set<std::array<std::uint8_t, 3>> colours;
    for (size_t i = 0; i < bare.rgb.size(); i += 3) colours.insert({bare.rgb[i], bare.rgb[i + 1], bare.rgb[i + 2]});
    EXPECT_EQ(colours.size(), 1u) << "marks outside every layer";
}

TEST_F(Vector, HidingTheMembershipsInAViewerShowsTheLandInItsOwnColours) {
    // The land is a layer of its own under the memberships: hidden in a viewer, the memberships
    // give the map as the atlas draws it with the memberships off, not countries the sea's colour.
    const View view{66, 41, 3000};
    Layers without = Layers{};
    without.memberships = false;
    export_pdf(model(), state_for(view, 640, 360, Layers{}, kArticleDate), measure(), dir + "/with.pdf");
    export_pdf(model(), state_for(view, 640, 360, without, kArticleDate), measure(), dir + "/without.pdf");
    const PdfRead hidden = read_pdf(dir + "/with.pdf", "Memberships");
    const PdfRead reference = read_pdf(dir + "/without.pdf");
    const PdfRead no_land = read_pdf(dir + "/with.pdf", "Memberships,Land");
    ASSERT_EQ(hidden.rgb.size(), reference.rgb.size());
    ASSERT_EQ(no_land.rgb.size(), reference.rgb.size());
    auto share_differing = [&](const PdfRead& r) {
        long n = 0;
        for (size_t i = 0; i < r.rgb.size(); i += 3)
            if (std::abs(int(r.rgb[i]) - reference.rgb[i]) + std::abs(int(r.rgb[i + 1]) - reference.rgb[i + 1]) +
                    std::abs(int(r.rgb[i + 2]) - reference.rgb[i + 2]) > 12)  // beyond anti-aliasing's rounding
                ++n;
        return double(n) / double(r.rgb.size() / 3);
    };
    // Only the borders' white casing (drawn over the memberships alone) may differ: 5.2 % of
    // this view's pixels when this was written.
    EXPECT_LT(share_differing(hidden), 0.08);
    // The land hidden as well, most of the picture (the land) turns to water.
    EXPECT_GT(share_differing(no_land), 0.4);
}

TEST_F(Vector, TheSvgsTextIsTheFramesLabelsInTheirLayers) {
    const AppState s = state_for(View{}, 1920, 1080, Layers{}, kArticleDate);
    const Frame frame = build_frame(s, Style{}, model().colours, model().label_candidates, measure(),
                                    model().extras(s, Style{}));
    ASSERT_GT(frame.labels.size(), 40u);
    const std::string path = dir + "/map.svg";
    export_svg(model(), s, measure(), path);
    std::multiset<std::string> in_frame, in_svg;
    for (const auto& l : frame.labels) in_frame.insert(l.text);
    std::map<std::string, std::string> layer_of;
    for (const auto& l : svg_layers(path))
        for (const auto& t : l.texts) {
            in_svg.insert(t);
            layer_of[t] = l.id;
        }
    EXPECT_EQ(in_svg, in_frame);
    // Names that this view shows, each in its layer's names.
    EXPECT_EQ(layer_of["Kazakhstan"], "labels");
    EXPECT_EQ(layer_of["Kant airbase"], "places-names");
    EXPECT_EQ(layer_of["Afghan Badakhshan"], "regions-names");
    EXPECT_EQ(layer_of["Turkmenistan 804 km (CIA World Factbook)"], "northern_border-names");
    EXPECT_EQ(layer_of["Tehran"], "capitals-names");
    // Simplified to a fifth of a pixel, a full-screen map of the region stays well under a megabyte.
    EXPECT_LT(fs::file_size(path), 1000000u);
}

TEST_F(Vector, AnUnwritablePathLeavesNothing) {
    const AppState s = state_for(View{}, 320, 180, Layers{}, kArticleDate);
    for (const char* name : {"/no/such/folder/map.svg", "/no/such/folder/map.pdf"})
        EXPECT_THROW(export_vector(model(), s, measure(), dir + name), OutputError) << name;
    try {
        export_pdf(model(), s, measure(), dir);  // a folder
        ADD_FAILURE() << "a folder was accepted as a PDF";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write '" + dir + "': it is a folder");
    }
    EXPECT_TRUE(fs::is_empty(dir));
}

// A tool the test needs: its path, or a skip (a failure in CI, where the packages are installed).
#define ATLAS_REQUIRE_TOOL(var, name)                                                          \
    const std::string var = test::find_on_path(name);                                          \
    if (var.empty()) {                                                                         \
        if (test::in_ci()) FAIL() << name << " is missing: install cmake/packages.txt";        \
        GTEST_SKIP() << name << " is not installed (poppler-utils, librsvg2-bin)";             \
    }

TEST_F(Vector, ThePdfsLabelsAreTextInTheEmbeddedLabelFont) {
    ATLAS_REQUIRE_TOOL(pdffonts, "pdffonts");
    ATLAS_REQUIRE_TOOL(pdftotext, "pdftotext");
    const AppState s = state_for(View{}, 1920, 1080, Layers{}, kArticleDate);
    const std::string pdf = dir + "/map.pdf";
    export_pdf(model(), s, measure(), pdf);
    const auto fonts = test::run_tool(pdffonts, {pdf});
    ASSERT_EQ(fonts.exit_code, 0) << fonts.err;
    // One font, DejaVu Sans Bold, embedded (a subset) with a Unicode map: "yes yes yes".
    EXPECT_NE(fonts.out.find("+DejaVuSans-Bold"), std::string::npos) << fonts.out;
    EXPECT_NE(fonts.out.find("yes yes yes"), std::string::npos) << fonts.out;
    const auto text = test::run_tool(pdftotext, {pdf, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    for (const char* label : {"Kazakhstan", "Kant airbase", "Afghan Badakhshan", "Turkmenistan 804 km (CIA World Factbook)", "Tehran"})
        EXPECT_NE(text.out.find(label), std::string::npos) << label << " is not text in the PDF";
}

TEST_F(Vector, AFiguresDecorationsAreAGroupOfTheSvgAndTextInThePdf) {
    ATLAS_REQUIRE_TOOL(pdftotext, "pdftotext");
    const AppState s = state_for(View{}, 1600, 1000, Layers{}, kArticleDate);
    FigureChoice choice;
    choice.title = "The CSTO and the SCO in 2012";
    choice.legend = choice.scale_bar = choice.attribution = true;
    choice.caption_passage = "integration-22";
    Figure figure;
    figure.decorations = decorations_for(model(), s, choice);
    figure.dpi = 150;
    const Frame frame = figure_frame(model(), s, measure(), figure);
    ASSERT_GT(frame.panel_labels.size(), 10u);
    // SVG: the map's groups, then one "figure" group holding exactly the decorations' text.
    const std::string svg = dir + "/figure.svg";
    export_svg(model(), s, measure(), svg, figure);
    const auto layers = svg_layers(svg);
    ASSERT_FALSE(layers.empty());
    EXPECT_EQ(layers.back().id, "figure");
    EXPECT_TRUE(layers.back().top_level);
    std::multiset<std::string> want, got(layers.back().texts.begin(), layers.back().texts.end());
    for (const auto& l : frame.panel_labels) want.insert(l.text);
    EXPECT_EQ(got, want);
    std::string all;
    for (const auto& t : layers.back().texts) all += t + " ";
    for (const char* t : {"The CSTO and the SCO in 2012", "CSTO member", "On 31 December 2012", "km",
                          "paragraph 22", "Natural Earth", "Rapid Deployment Forces"})
        EXPECT_NE(all.find(t), std::string::npos) << t;
    // Without decorations there is no such group.
    export_svg(model(), s, measure(), dir + "/plain.svg");
    for (const auto& l : svg_layers(dir + "/plain.svg")) EXPECT_NE(l.id, "figure");
    // PDF: the same text as text, on a page sized by the figure's resolution: 1600 px at 150 dpi
    // is 768 pt wide, which GDAL's PDF driver (150 dpi by default) reads as 1600 pixels.
    const std::string pdf = dir + "/figure.pdf";
    export_pdf(model(), s, measure(), pdf, figure);
    const auto text = test::run_tool(pdftotext, {pdf, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    // (pdftotext may put a line's first word apart: the title is looked for without it.)
    for (const char* t : {"CSTO and the SCO in 2012", "CSTO member", "paragraph 22"})
        EXPECT_NE(text.out.find(t), std::string::npos) << t << " is not text in the PDF";
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(pdf.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(ds) << "GDAL cannot read " << pdf;
    EXPECT_EQ(ds->GetRasterXSize(), 1600);
    EXPECT_EQ(ds->GetRasterYSize(), 1000);
}

// `image` averaged over blocks of k x k pixels: a pattern's phase and each rasteriser's own
// anti-aliasing and glyph hinting average out, what is drawn where does not.
test::Image block_average(const test::Image& image, int k) {
    test::Image out;
    out.width = image.width / k;
    out.height = image.height / k;
    out.rgba.resize(size_t(out.width) * size_t(out.height) * 4);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int dy = 0; dy < k; ++dy)
                    for (int dx = 0; dx < k; ++dx) sum += image.at(x * k + dx, y * k + dy)[c];
                out.rgba[(size_t(y) * size_t(out.width) + size_t(x)) * 4 + size_t(c)] = std::uint8_t(sum / (k * k));
            }
    return out;
}

// The PNG the renderer makes of a view and the SVG and PDF of it rendered by other programs show
// the same map: compared over blocks of a pattern's period (8 px), since each rasteriser places
// the pattern's anti-aliased edges and the letters' hinting a little differently.
TEST_F(Vector, TheSvgAndThePdfShowTheMapThePngShows) {
    ATLAS_REQUIRE_TOOL(rsvg, "rsvg-convert");
    ATLAS_REQUIRE_TOOL(pdftoppm, "pdftoppm");
    struct Case {
        const char* name;
        std::vector<std::string> args;
    };
    const std::vector<Case> cases{
        {"region", {}},
        {"kant", {"--view", "74.8,42.9,400", "--select", "kant-airbase"}},
        {"sco-1997", {"--view", "85,45,6000", "--date", "1997-06-01", "--select", "shanghai5"}},
        {"mercator", {"--view", "68,39,1500", "--projection", "mercator", "--select", "TJK"}},
    };
    for (const Case& c : cases) {
        const std::string base = dir + "/" + c.name;
        std::vector<std::string> args{"--size", "960x540"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto with = [&](const std::string& out) {
            std::vector<std::string> a{"--export", out};
            a.insert(a.end(), args.begin(), args.end());
            return a;
        };
        const auto png = test::run(with(base + ".png"));
        if (png.exit_code != 0 && png.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
            GTEST_SKIP() << png.err;
        ASSERT_EQ(png.exit_code, 0) << png.err;
        ASSERT_EQ(test::run(with(base + ".svg")).exit_code, 0);
        ASSERT_EQ(test::run(with(base + ".pdf")).exit_code, 0);
        ASSERT_EQ(test::run_tool(rsvg, {"-o", base + "-svg.png", base + ".svg"}).exit_code, 0);
        // The PDF's page is 0.75 pt (1/96 inch) a pixel: at 96 dpi it has the image's pixels again.
        ASSERT_EQ(test::run_tool(pdftoppm, {"-png", "-r", "96", "-singlefile", base + ".pdf", base + "-pdf"}).exit_code,
                  0);
        const test::Image expected = test::read_png(base + ".png");
        for (const char* kind : {"svg", "pdf"}) {
            const test::Image actual = test::read_png(base + "-" + kind + ".png");
            ASSERT_EQ(actual.width, expected.width) << c.name << " " << kind;
            ASSERT_EQ(actual.height, expected.height) << c.name << " " << kind;
            const auto cmp = test::compare(block_average(expected, 8), block_average(actual, 8), 0.1);
            // Measured: at most 20 of the 8040 blocks (0.25%); without the country borders, 149 to 189
            // in the views of the region.
            EXPECT_LT(cmp.fraction, 0.005) << c.name << " " << kind << ": " << cmp.differing << " blocks differ";
        }
    }
}

// The top-left w x h pixels of `image`.
test::Image top_left(const test::Image& image, int w, int h) {
    test::Image out{w, h, {}};
    for (int y = 0; y < h; ++y) out.rgba.insert(out.rgba.end(), image.at(0, y), image.at(0, y) + size_t(w) * 4);
    return out;
}

// The opening tag of the SVG's <text> element whose content is `content` ("" if there is none).
std::string svg_text_element(const std::string& path, const std::string& content) {
    std::ifstream in(path);
    const std::string svg((std::istreambuf_iterator<char>(in)), {});
    const auto end = svg.find(">" + content + "</text>");
    if (end == std::string::npos) return "";
    const auto start = svg.rfind("<text", end);
    return svg.substr(start, end - start + 1);
}

// A title in Persian is shaped alike by the renderer, by the PDF (the same glyphs) and by an SVG
// viewer (rsvg, from the text and its direction): joined and right to left in all three. A title
// in three scripts names the CJK fallback in the SVG and is text in each script in the PDF.
TEST_F(Vector, TitlesInEveryScriptAreShapedInTheSvgAndThePdf) {
    ATLAS_REQUIRE_TOOL(rsvg, "rsvg-convert");
    ATLAS_REQUIRE_TOOL(pdftoppm, "pdftoppm");
    ATLAS_REQUIRE_TOOL(pdftotext, "pdftotext");
    ATLAS_REQUIRE_TOOL(pdffonts, "pdffonts");
    const std::string persian = "امنیت در آسیای مرکزی";
    const std::string base = dir + "/persian";
    auto with = [&](const std::string& out, const std::string& title, const char* size = "960x240") {
        return std::vector<std::string>{"--export", out, "--size", size, "--layers", "countries", "--title", title};
    };
    const auto png = test::run(with(base + ".png", persian));
    if (png.exit_code != 0 && png.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << png.err;
    ASSERT_EQ(png.exit_code, 0) << png.err;
    ASSERT_EQ(test::run(with(base + ".svg", persian)).exit_code, 0);
    ASSERT_EQ(test::run(with(base + ".pdf", persian)).exit_code, 0);
    ASSERT_EQ(test::run_tool(rsvg, {"-o", base + "-svg.png", base + ".svg"}).exit_code, 0);
    ASSERT_EQ(test::run_tool(pdftoppm, {"-png", "-r", "96", "-singlefile", base + ".pdf", base + "-pdf"}).exit_code, 0);
    // The title's box, top left, over blocks of 4 px (the rasterisers' hinting averages out; a
    // word drawn unjoined or left to right moves whole letters).
    const test::Image expected = top_left(test::read_png(base + ".png"), 440, 72);
    for (const char* kind : {"svg", "pdf"}) {
        const test::Image actual = top_left(test::read_png(base + "-" + kind + ".png"), 440, 72);
        const auto cmp = test::compare(block_average(expected, 4), block_average(actual, 4), 0.1);
        // Measured: 4 (SVG) and 13 (PDF) of the 1980 blocks; the title as the atlas drew it before
        // shaping (unjoined, left to right) differs from this one in 329.
        EXPECT_LT(cmp.fraction, 0.03) << kind << ": " << cmp.differing << " blocks of the title differ";
    }
    const std::string element = svg_text_element(base + ".svg", persian);
    EXPECT_NE(element.find("direction=\"rtl\" unicode-bidi=\"embed\""), std::string::npos) << element;

    const std::string title = "Центральная Азия — " + persian + " — 中亚安全";
    const auto shaped = font().shape(title);
    ASSERT_TRUE(shaped->missing.empty()) << shaped->missing_names();
    std::string cjk;  // the family the Chinese is drawn in
    for (const auto& run : shaped->runs)
        if (run.face != 0) cjk = run.font->family;
    if (cjk.empty()) {
        if (test::in_ci()) FAIL() << "no CJK font: install cmake/packages.txt (fonts-wqy-microhei)";
        GTEST_SKIP() << "no CJK font installed (fonts-wqy-microhei)";
    }
    ASSERT_EQ(test::run(with(base + "3.svg", title, "1600x240")).exit_code, 0);  // wide enough for one line
    ASSERT_EQ(test::run(with(base + "3.pdf", title, "1600x240")).exit_code, 0);
    const std::string element3 = svg_text_element(base + "3.svg", title);
    EXPECT_NE(element3.find("font-family=\"" + font().fonts().file(0).family + ", "), std::string::npos) << element3;
    EXPECT_NE(element3.find(cjk), std::string::npos) << element3;
    EXPECT_EQ(element3.find("direction"), std::string::npos) << "the paragraph is left to right: " << element3;
    const auto text = test::run_tool(pdftotext, {base + "3.pdf", "-"});
    for (const std::string& part : {std::string("Азия"), persian, std::string("中亚安全")})
        EXPECT_NE(text.out.find(part), std::string::npos) << part << " is not text in the PDF: " << text.out;
    const auto fonts = test::run_tool(pdffonts, {base + "3.pdf"});
    std::string cjk_name = cjk;
    cjk_name.erase(std::remove(cjk_name.begin(), cjk_name.end(), ' '), cjk_name.end());
    EXPECT_NE(fonts.out.find(cjk_name), std::string::npos) << fonts.out;
}

// The quiz's sheets (--export-quiz): the worksheet asks each question of the round as printed
// (nothing to click on paper) with no answer on it, not even the names on its map; the answers
// sheet gives each answer with the article's citation; both are A4 portrait here.
TEST_F(Vector, TheQuizsWorksheetHoldsNoAnswerAndTheAnswersQuoteTheArticle) {
    ATLAS_REQUIRE_TOOL(pdftotext, "pdftotext");
    ATLAS_REQUIRE_TOOL(pdfinfo, "pdfinfo");
    const QuizRound round = make_round(*model().facts, *model().world, *model().article, 42);
    ASSERT_EQ(round.questions.size(), 10u);
    const std::string worksheet = dir + "/worksheet.pdf", answers = dir + "/answers.pdf";
    export_quiz_pdf(model(), round, measure(), worksheet, false, 595.28, 841.89);
    export_quiz_pdf(model(), round, measure(), answers, true, 595.28, 841.89);
    auto words = [&](const std::string& pdf) {
        const auto r = test::run_tool(pdftotext, {pdf, "-"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::string flat;  // lines joined: a question may wrap
        for (const char c : r.out) flat += c == '\n' ? ' ' : c;
        return flat;
    };
    const std::string w = words(worksheet), a = words(answers);
    EXPECT_NE(test::run_tool(pdfinfo, {worksheet}).out.find("pts (A4)"), std::string::npos);
    EXPECT_EQ(w.find("Answer:"), std::string::npos);
    EXPECT_EQ(w.find("Click"), std::string::npos);
    std::string asked;
    for (const Question& q : round.questions) asked += q.printed + " ";
    for (size_t i = 0; i < round.questions.size(); ++i) {
        const Question& q = round.questions[i];
        // The question's first words, numbered.
        const std::string start = std::to_string(i + 1) + ". " + q.printed.substr(0, q.printed.find(' ', 12));
        EXPECT_NE(w.find(start), std::string::npos) << start;
        EXPECT_NE(a.find(start), std::string::npos) << start;
        const std::string first_answer = q.answer.substr(0, q.answer.find_first_of(" ,("));
        EXPECT_NE(a.find("Answer: " + first_answer), std::string::npos) << q.printed;
        // A name that answers a question is nowhere on the worksheet unless a question says it.
        if (asked.find(first_answer) == std::string::npos) {
            EXPECT_EQ(w.find(first_answer), std::string::npos) << first_answer << " gives an answer away";
        }
    }
    EXPECT_NE(a.find("Iskandarov"), std::string::npos);
    EXPECT_NE(a.find("Note (not the author's words)"), std::string::npos);
}

}  // namespace
}  // namespace atlas
