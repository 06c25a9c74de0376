// `ca-atlas --export-tour` (app/tour_export_mode.cpp): one slide per scene in each format asked
// for, a handout with PDF, its folder made as mkdir -p, and its images moved into place all or
// none: a broken scene or a failed move leaves the folder as it was.
#include <gdal_frmts.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "geo/facts_load.hpp"
#include "geo/load.hpp"
#include "geo/model.hpp"
#include "geo/raster.hpp"
#include "support/cli.hpp"
#include "support/data_copy.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "session/session.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Cli;

// A copy of the data folder whose Kant scene captions a passage the article does not have.
std::string data_with_a_broken_scene(const std::string& name) {
    const std::string data = test::copy_data(name);
    const std::string tour = data + "/tour.csv";
    test::replace_line(tour, test::find_line(tour, "kant,"),
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-airbase,nowhere-1,");
    return data;
}

// The tour's images go into place all or none: a name taken by a folder stops it before any
// slide is moved, and replacing the slides of an earlier run is said.
TEST_F(Cli, ATourExportMovesAllItsImagesOrNoneAndSaysWhatItReplaced) {
    const std::vector<std::string> args{"--export-tour", dir, "--size", "160x90", "--no-captions"};
    auto r = test::run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("ca-atlas: wrote 10 files for 10 scenes into " + dir + "\n"), std::string::npos) << r.out;
    r = test::run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("into " + dir + ", replacing 10 that were there\n"), std::string::npos) << r.out;
    const std::string first = test::read_text(dir + "/01-region.png");
    fs::remove(dir + "/03-northern-border.png");
    fs::create_directory(dir + "/03-northern-border.png");
    r = test::run({"--export-tour", dir, "--size", "200x90", "--no-captions"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot write '" + dir +
                         "/03-northern-border.png': it is not a regular file (a folder, a link or a device); "
                         "nothing was written"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(test::read_text(dir + "/01-region.png"), first) << "a slide was replaced before the failure";
    EXPECT_EQ(entries(dir), 10u) << "the working folder is gone";
}

// A move that fails halfway (strace's fault injection makes the fifth slide's rename fail; it
// matches the slide's name only while that name exists, so the folder holds an earlier run's
// slides) leaves the folder as it was: the slide with no earlier file is taken out again, and the
// earlier slides that the first four replaced are put back, byte for byte.
TEST_F(Cli, ATourExportThatFailsHalfwayThroughItsMovesLeavesTheFolderAsItWas) {
    const std::string strace = test::find_on_path("strace");
    if (strace.empty()) GTEST_SKIP() << "strace is not installed (cmake/packages.txt lists it)";
    if (test::run_tool(strace, {"-o", "/dev/null", "true"}).exit_code != 0)
        GTEST_SKIP() << "strace cannot trace here (ptrace is not permitted)";
    auto r = test::run({"--export-tour", dir, "--size", "160x90", "--no-captions"});
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::remove(dir + "/02-threats.png");
    std::map<std::string, std::string> before;
    for (const auto& e : fs::directory_iterator(dir)) before[e.path().filename()] = test::read_text(e.path());
    ASSERT_EQ(before.size(), 9u);

    const std::string home = test::fresh_dir("cli-halfway-home");
    r = test::run_tool(strace, {"-f", "-o", "/dev/null", "-P", dir + "/05-csto.png", "-e",
                                "inject=rename,renameat,renameat2:error=EIO", ATLAS_TEST_PROGRAM, "--export-tour", dir,
                                "--size", "200x90", "--no-captions"},
                       {"XDG_DATA_HOME=" + home});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot move the images into place"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Input/output error"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the folder is as it was"), std::string::npos) << r.err;
    std::map<std::string, std::string> after;
    for (const auto& e : fs::directory_iterator(dir)) after[e.path().filename()] = test::read_text(e.path());
    EXPECT_EQ(after.size(), 9u) << "a slide moved in before the failure stayed, or the working folder did";
    EXPECT_TRUE(after == before) << "the earlier slides were not all put back as they were";
}

TEST_F(Cli, ExportTourWritesOneSlidePerSceneOrNothing) {
    const auto r = test::run({"--export-tour", dir, "--size", "320x180", "--format", "png,tif"});
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DataSet d = load_data_set(test::data_dir());
    ASSERT_EQ(entries(dir), d.tour.size() * 2);
    for (size_t i = 0; i < d.tour.size(); ++i) {
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%02zu-", i + 1);
        const std::string png = dir + "/" + prefix + d.tour[i].id + ".png";
        ASSERT_TRUE(fs::exists(png)) << png;
        EXPECT_TRUE(fs::exists(dir + "/" + prefix + d.tour[i].id + ".tif"));
        EXPECT_EQ(test::read_png(png).width, 320);
        std::map<std::string, std::string> text;
        for (auto& [k, v] : read_png_text(png)) text[k] = v;
        EXPECT_EQ(text["ca-atlas date"], d.tour[i].date.str()) << d.tour[i].id;
        EXPECT_EQ(parse_view(text["ca-atlas view"]).lon, d.tour[i].view.lon);
    }
    // A format the tour cannot write: refused before anything is drawn.
    const std::string other = test::fresh_dir("cli-tour-eps");
    const auto eps = test::run({"--export-tour", other, "--format", "png,eps"});
    EXPECT_EQ(eps.exit_code, 2);
    expect_one_line(eps, "invalid --format 'eps': the tour exports png, tif, svg and pdf");
    EXPECT_EQ(entries(other), 0u);
    // A broken scene: nothing at all is written.
    const std::string data = data_with_a_broken_scene("cli-tour-broken");
    const std::string out = test::fresh_dir("cli-tour-out");
    const auto bad = test::run({"--data", data, "--export-tour", out, "--size", "320x180"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("no passage 'nowhere-1' in the article"), std::string::npos) << bad.err;
    EXPECT_EQ(entries(out), 0u);
}

TEST_F(Cli, ExportTourWritesVectorSlidesAndAHandoutOfOnePagePerScene) {
    init_gdal();
    GDALRegister_PDF();  // the atlas itself registers only the drivers it uses
    ASSERT_TRUE(GetGDALDriverManager()->GetDriverByName("PDF")) << "GDAL has no PDF driver";
    const auto r = test::run({"--export-tour", dir, "--size", "640x360", "--format", "svg,pdf"}, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DataSet d = load_data_set(test::data_dir());
    ASSERT_EQ(entries(dir), d.tour.size() * 2 + 1);
    EXPECT_EQ(pdf_pages(dir + "/tour-handout.pdf"), d.tour.size());
    // The handout's layers: one for each group any page draws, shared by the pages (hiding
    // "Places" hides it on every page), listed as the groups are drawn: shapes, then names, then
    // the map's legend (its classes and marks).
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir + "/tour-handout.pdf").c_str(), GDAL_OF_RASTER));
        ASSERT_TRUE(ds);
        std::vector<std::string> layers;
        for (char** md = ds->GetMetadata("LAYERS"); md && *md; ++md) {
            const std::string kv = *md;
            layers.push_back(kv.substr(kv.find('=') + 1));
        }
        const std::vector<std::string> expected{"Land", "Memberships", "Countries:_borders", "Provinces", "Graticule", "Regions",
                                                "Afghanistan's_northern_border", "Selection", "Places", "Capitals",
                                                "Country_names", "Afghanistan's_northern_border:_lengths",
                                                "Regions:_names", "Places:_names", "Capitals:_names",
                                                "Title__legend__scale_bar_and_caption"};
        EXPECT_EQ(layers, expected);
        // The first page's map is centred across it: along the page's middle row, as much white
        // paper to the left of the map's frame as to its right.
        const int w = ds->GetRasterXSize(), row = ds->GetRasterYSize() / 2;
        std::vector<std::uint8_t> line(size_t(w) * 3);
        int bands[] = {1, 2, 3};
        ASSERT_EQ(ds->RasterIO(GF_Read, 0, row, w, 1, line.data(), w, 1, GDT_Byte, 3, bands, 3, w * 3, 1, nullptr),
                  CE_None);
        auto paper = [&](int x) { return line[size_t(x) * 3] > 250 && line[size_t(x) * 3 + 1] > 250 && line[size_t(x) * 3 + 2] > 250; };
        int left = 0, right = w - 1;
        while (left < w && paper(left)) ++left;
        while (right > 0 && paper(right)) --right;
        ASSERT_LT(left, right) << "nothing on the page's middle row";
        EXPECT_NEAR(left, w - 1 - right, 2) << "the map spans " << left << " to " << right << " of " << w << " px";
    }
    for (size_t i = 0; i < d.tour.size(); ++i) {
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%02zu-", i + 1);
        EXPECT_TRUE(fs::exists(dir + "/" + prefix + d.tour[i].id + ".svg")) << d.tour[i].id;
        EXPECT_EQ(pdf_pages(dir + "/" + prefix + d.tour[i].id + ".pdf"), 1u) << d.tour[i].id;
        // Each slide carries its caption: the scene's number and title, and its passage cited.
        std::ifstream in(dir + "/" + prefix + d.tour[i].id + ".svg");
        const std::string svg((std::istreambuf_iterator<char>(in)), {});
        EXPECT_NE(svg.find(std::to_string(i + 1) + " / " + std::to_string(d.tour.size())), std::string::npos);
        EXPECT_NE(svg.find("Iskandarov 2013, "), std::string::npos) << d.tour[i].id;
        EXPECT_EQ(svg.find(d.tour[i].passage), std::string::npos) << d.tour[i].id << ": the data's passage id on a slide";
    }
    // --no-captions: the map alone.
    const std::string bare = test::fresh_dir("cli-vector-tour-bare");
    const auto nc = test::run({"--export-tour", bare, "--size", "640x360", "--format", "svg", "--no-captions"}, kNoGl);
    ASSERT_EQ(nc.exit_code, 0) << nc.err;
    std::ifstream first(bare + "/01-" + d.tour[0].id + ".svg");
    const std::string svg((std::istreambuf_iterator<char>(first)), {});
    EXPECT_EQ(svg.find("Iskandarov 2013, "), std::string::npos);
    EXPECT_EQ(svg.find("id=\"figure\""), std::string::npos);
    // A broken scene: no slide and no handout.
    const std::string data = data_with_a_broken_scene("cli-vector-tour-broken");
    const std::string out = test::fresh_dir("cli-vector-tour-out");
    const auto bad = test::run({"--data", data, "--export-tour", out, "--format", "pdf"}, kNoGl);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("no passage 'nowhere-1' in the article"), std::string::npos) << bad.err;
    EXPECT_EQ(entries(out), 0u);
    // The same into folders that are not there: they are made for the slides, and removed again
    // when the export fails.
    const auto missing = test::run({"--data", data, "--export-tour", out + "/new/slides", "--format", "svg,pdf"}, kNoGl);
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no passage 'nowhere-1' in the article"), std::string::npos) << missing.err;
    EXPECT_EQ(entries(out), 0u);
}

TEST_F(Cli, ExportTourMakesItsFolderAsMkdirP) {
    const auto r = test::run({"--export-tour", dir + "/lesson/slides", "--size", "320x180", "--format", "svg"}, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<DataProblem> problems;
    EXPECT_EQ(entries(dir + "/lesson/slides"), load_tour(test::data_dir(), problems).size());
    // A file where a folder should be: one line naming it, exit 1, nothing made.
    std::ofstream(dir + "/file") << "not a folder";
    const auto bad = test::run({"--export-tour", dir + "/file/slides", "--format", "svg"}, kNoGl);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err.rfind("ca-atlas: cannot make the folder '" + dir + "/file/slides': ", 0), 0u) << bad.err;
    EXPECT_EQ(entries(dir), 2u);  // lesson/ and the file
}

// A teacher's drawings saved with a scene are in every export of it: the slide (PNG and SVG) and
// the handout's page (its "Drawings" layer and its text). A 30 km circle round Kant in a green
// nothing else has is centred on the airbase and has its radius on the slide; the text is there
// in the SVG. They were drawn in the presentation only.
TEST_F(Cli, ASceneSavedDrawingsAreInItsSlidesAndHandout) {
    const std::string data = test::copy_data("tour-drawings");
    const std::string tour = data + "/tour.csv";
    const int line = test::find_line(tour, "kant,");
    test::replace_line(tour, line,
                       test::line_of(tour, line) +  // a CSV field, its quotes doubled
                           "\"circle 74.8464 42.8531 30km #00ff00; text 76.2 42.2 \"\"the base\"\"\"");
    const auto r = test::run({"--data", data, "--export-tour", dir, "--size", "960x540", "--format", "png,svg,pdf",
                              "--no-captions"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const test::Image img = test::read_png(dir + "/06-kant.png");
    ASSERT_EQ(img.width, 960);
    double gx = 0, gy = 0;
    int green = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (img.at(x, y)[0] == 0 && img.at(x, y)[1] == 255 && img.at(x, y)[2] == 0) gx += x, gy += y, ++green;
    ASSERT_GT(green, 200) << "no drawing on the slide";
    gx /= green, gy /= green;
    // Kant on the slide: the scene's view centre is 74.8, 42.9 with 400 km from top to bottom.
    const auto model = MapModel::load(data, "albers");
    const Camera cam = camera_for_view(*model->projection, View{74.8, 42.9, 400}, 960, 540);
    const Vec2 kant = cam.to_screen(model->projection->forward({74.8464, 42.8531}));
    EXPECT_NEAR(gx, kant.x, 2.0);
    EXPECT_NEAR(gy, kant.y, 2.0);
    double radius = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (img.at(x, y)[0] == 0 && img.at(x, y)[1] == 255 && img.at(x, y)[2] == 0)
                radius += std::hypot(x - kant.x, y - kant.y) / green;
    EXPECT_NEAR(radius, 30.0 / (400.0 / 540.0), 0.05 * 30.0 / (400.0 / 540.0));
    const std::string svg = test::read_text(dir + "/06-kant.svg");
    EXPECT_NE(svg.find("id=\"drawings\""), std::string::npos);
    EXPECT_NE(svg.find("the base"), std::string::npos);
    EXPECT_NE(svg.find("#00ff00"), std::string::npos);
    EXPECT_EQ(test::read_text(dir + "/05-csto.svg").find("id=\"drawings\""), std::string::npos)
        << "a scene without drawings has no Drawings group";
    GDALRegister_PDF();
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir + "/tour-handout.pdf").c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(ds);
    bool layer = false;
    for (char** md = ds->GetMetadata("LAYERS"); md && *md; ++md) layer |= std::string(*md).find("=Drawings") != std::string::npos;
    EXPECT_TRUE(layer) << "the handout has no Drawings layer";
}

// A slide reads as the presentation shows its scene: on a 1920x1080 slide the map's names have
// the size the presentation gives them on a 1920x1080 screen at 96 dpi (they were two thirds of it,
// a figure's size), and a 4K slide has them doubled.
TEST_F(Cli, ASlidesNamesHaveThePresentationsSize) {
    const auto r = test::run({"--export-tour", dir, "--size", "1920x1080", "--format", "svg", "--no-captions"}, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string big = test::fresh_dir("cli-tour-4k");
    const auto r4 = test::run({"--export-tour", big, "--size", "3840x2160", "--format", "svg", "--no-captions"}, kNoGl);
    ASSERT_EQ(r4.exit_code, 0) << r4.err;
    // The size of each text in an SVG, by the text.
    const auto sizes = [](const std::string& svg) {
        std::map<std::string, double> out;
        static const std::regex text(R"re(<text [^>]*font-size="([0-9.]+)"[^>]*>([^<]+)</text>)re");
        for (std::sregex_iterator i(svg.begin(), svg.end(), text), end; i != end; ++i)
            out[(*i)[2].str()] = std::stod((*i)[1].str());
        return out;
    };
    SessionOptions options;
    options.data.dir = test::data_dir();
    Session session(options, [](const std::string& text) { return 0.5 * double(text.size()); });
    Viewport v;
    v.fb_width = 1920, v.fb_height = 1080, v.width = 1920, v.height = 1080;
    session.set_viewport(v);
    session.start(MapModel::load(test::data_dir(), "albers"));
    InputEvent f5;
    f5.kind = InputEvent::Kind::KeyDown;
    f5.key = Key::F5;
    session.input(f5);
    long long now = 1'000'000'000LL;
    for (int k = 0; k < 3; ++k) session.set_viewport(v), session.update(now += 16'000'000);
    ASSERT_TRUE(session.presenting());
    const Frame* shown = session.frame();
    ASSERT_TRUE(shown);
    const auto slide = sizes(test::read_text(dir + "/01-" + session.scenes()->front().id + ".svg"));
    const auto slide4k = sizes(test::read_text(big + "/01-" + session.scenes()->front().id + ".svg"));
    int compared = 0;
    for (const FrameLabel& l : shown->labels) {
        const auto on_slide = slide.find(l.text);
        if (on_slide == slide.end()) continue;
        EXPECT_NEAR(on_slide->second, l.style.size_px, 0.01) << l.text;
        if (const auto k = slide4k.find(l.text); k != slide4k.end()) {
            EXPECT_NEAR(k->second, 2 * l.style.size_px, 0.01) << l.text;
        }
        ++compared;
    }
    EXPECT_GE(compared, 3) << "too few of the presentation's names are on the slide";
}

// A scene's own layer is on its slide labelled by the field the scene saved with it, and on no
// other slide: the Kant scene with a teacher's schools labelled by their pupils, then by name.
TEST_F(Cli, ASlideShowsItsScenesOwnLayerLabelledAsTheSceneSaysIt) {
    const std::string data = test::copy_data("tour-own-layer");
    const std::string layer = data + "/schools.geojson";
    std::ofstream(layer) << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Kant school","pupils":"30 pupils"},"geometry":{"type":"Point","coordinates":[75.6,43.3]}}]})";
    for (const std::string field : {"pupils", "name"}) {
        std::vector<DataProblem> problems;
        std::vector<Scene> scenes = load_tour(data, problems);
        ASSERT_TRUE(problems.empty());
        for (Scene& sc : scenes)
            if (sc.id == "kant") sc.user_layers = {layer + "?label=" + field};
        save_tour(data + "/tour.csv", scenes);
        const auto r = test::run({"--data", data, "--export-tour", dir, "--size", "960x540", "--format", "svg"}, kNoGl);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const std::string kant = test::read_text(dir + "/06-kant.svg");
        EXPECT_NE(kant.find(field == "pupils" ? ">30 pupils<" : ">Kant school<"), std::string::npos) << field;
        EXPECT_EQ(kant.find(field == "pupils" ? ">Kant school<" : ">30 pupils<"), std::string::npos) << field;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.path().filename() == "06-kant.svg") continue;
            EXPECT_EQ(test::read_text(e.path().string()).find("schools.geojson"), std::string::npos)
                << e.path() << " shows a layer its scene does not";
        }
    }
}

}  // namespace
}  // namespace atlas
