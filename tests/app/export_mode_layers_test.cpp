// `--layer FILE` in the exports (app/export_mode.cpp's add_user_layers): a teacher's own GeoJSON,
// KML and CSV drawn in their colours on the PNG, each a layer of its own in the SVG and the PDF
// with its names, and a file that cannot be drawn refused in one line with nothing written.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/user_layer.hpp"
#include "export/figure.hpp"
#include "geo/raster.hpp"
#include "support/cli.hpp"
#include "support/data_copy.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

using test::Cli;

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// A trip across the Fergana valley and two stops, a pipeline with its gas field, universities.
void write_layers(const std::string& dir) {
    write_file(dir + "/trip.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Fergana trip"},"geometry":{"type":"LineString","coordinates":[[69.28,41.31],[70.6,40.9],[71.78,40.38],[72.8,40.78]]}},
{"type":"Feature","properties":{"name":"Osh"},"geometry":{"type":"Point","coordinates":[72.8,40.53]}}]})");
    write_file(dir + "/pipes.kml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Gas pipeline</name><LineString><coordinates>61.5,37.6 64.4,39.8 69.2,41.3 71.4,42.9</coordinates></LineString></Placemark>
<Placemark><name>Galkynysh</name><Point><coordinates>62.3,37.3</coordinates></Point></Placemark>
</Document></kml>)");
    write_file(dir + "/unis.csv", "name,lon,lat\nAUCA Bishkek,74.63,42.84\nUCA Khorog,71.55,37.49\n");
}

// The inkscape:label of every top-level group of an SVG, with the text it holds.
std::map<std::string, std::vector<std::string>> svg_groups(const std::string& path) {
    std::map<std::string, std::vector<std::string>> out;
    xmlDocPtr doc = xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET);
    if (!doc) return out;
    for (xmlNodePtr g = xmlDocGetRootElement(doc)->children; g; g = g->next) {
        if (g->type != XML_ELEMENT_NODE || std::string(reinterpret_cast<const char*>(g->name)) != "g") continue;
        xmlChar* label = xmlGetProp(g, reinterpret_cast<const xmlChar*>("label"));
        const std::string name = label ? reinterpret_cast<const char*>(label) : "";
        xmlFree(label);
        auto& texts = out[name];
        for (xmlNodePtr t = g->children; t; t = t->next)
            if (t->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char*>(t->name)) == "text") {
                xmlChar* content = xmlNodeGetContent(t);
                texts.push_back(reinterpret_cast<const char*>(content));
                xmlFree(content);
            }
    }
    xmlFreeDoc(doc);
    return out;
}

const std::vector<std::string> kView = {"--view", "68,40.5,1600", "--size", "1200x800"};

TEST_F(Cli, OwnLayersAreDrawnInTheirColoursOnThePng) {
    write_layers(dir);
    const std::string out = dir + "/own.png";
    std::vector<std::string> args = {"--export", out, "--layers", "countries", "--layer", dir + "/trip.geojson",
                                     "--layer", dir + "/pipes.kml", "--layer", dir + "/unis.csv"};
    args.insert(args.end(), kView.begin(), kView.end());
    const auto r = test::run(args);
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The CSV names no CRS: read as lon/lat, and said so.
    EXPECT_NE(r.err.find("layer '" + dir + "/unis.csv': no coordinate system given"), std::string::npos) << r.err;
    const test::Image img = test::read_png(out);
    // Each layer's colour is on the picture (its lines, its dots, its names).
    for (size_t i = 0; i < 3; ++i) {
        const Rgba c = user_layer_colour(i);
        long n = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const auto* p = &img.rgba[(size_t(y) * size_t(img.width) + size_t(x)) * 4];
                if (std::abs(p[0] - c.r) + std::abs(p[1] - c.g) + std::abs(p[2] - c.b) < 12) ++n;
            }
        EXPECT_GT(n, 100) << "layer " << i << "'s colour is hardly on the map";
    }
}

// A study area around the view's centre (68 E, 40.5 N), unnamed (no label over its middle).
void write_area(const std::string& path) {
    write_file(path, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[67,39.5],[69,39.5],[69,41.5],[67,41.5],[67,39.5]]]}}]})");
}

TEST_F(Cli, APolygonIsFilledTranslucentInItsColourOverTheMap) {
    write_area(dir + "/area.geojson");
    std::vector<std::string> bare = {"--export", dir + "/bare.png", "--layers", "countries,memberships"};
    bare.insert(bare.end(), kView.begin(), kView.end());
    std::vector<std::string> with = bare;
    with[1] = dir + "/with.png";
    with.insert(with.end(), {"--layer", dir + "/area.geojson"});
    const auto r = test::run(bare);
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(test::run(with).exit_code, 0);
    const test::Image a = test::read_png(dir + "/bare.png"), b = test::read_png(dir + "/with.png");
    ASSERT_EQ(a.rgba.size(), b.rgba.size());
    // Inside the area, the map is seen through the layer's colour at kUserFillAlpha.
    const Rgba c = user_layer_colour(0);
    const double alpha = kUserFillAlpha / 255.0;
    for (const auto& [x, y] : std::vector<std::pair<int, int>>{{600, 400}, {580, 420}, {620, 380}}) {
        const auto* p0 = &a.rgba[(size_t(y) * size_t(a.width) + size_t(x)) * 4];
        const auto* p1 = &b.rgba[(size_t(y) * size_t(b.width) + size_t(x)) * 4];
        const int want[3] = {int(std::lround(p0[0] * (1 - alpha) + c.r * alpha)),
                             int(std::lround(p0[1] * (1 - alpha) + c.g * alpha)),
                             int(std::lround(p0[2] * (1 - alpha) + c.b * alpha))};
        for (int k = 0; k < 3; ++k) EXPECT_NEAR(p1[k], want[k], 3) << "pixel " << x << "," << y << " channel " << k;
    }
    // Outside it, nothing changed.
    EXPECT_EQ(std::memcmp(&a.rgba[(10 * size_t(a.width) + 10) * 4], &b.rgba[(10 * size_t(b.width) + 10) * 4], 4), 0);
    // The SVG fills it as well, in its group.
    const std::string svg = dir + "/area.svg";
    with[1] = svg;
    ASSERT_EQ(test::run(with, kNoGl).exit_code, 0);
    std::ifstream in(svg);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t group = text.find("inkscape:label=\"area.geojson\"");
    ASSERT_NE(group, std::string::npos);
    char fill[64];
    std::snprintf(fill, sizeof fill, "fill=\"#%02x%02x%02x\" fill-opacity=", c.r, c.g, c.b);
    EXPECT_NE(text.find(fill, group), std::string::npos) << "no translucent fill in the layer's group";
}

TEST_F(Cli, AFiguresOwnLayersAreRecordedAndItsFileAloneRemakesIt) {
    write_layers(dir);
    write_area(dir + "/area.geojson");
    for (const char* extension : {"png", "tif"}) {
        const std::string ext = extension, a = dir + "/a." + ext, b = dir + "/b." + ext;
        std::vector<std::string> args{"--export", a, "--layer", dir + "/trip.geojson", "--layer", dir + "/area.geojson"};
        args.insert(args.end(), kView.begin(), kView.end());
        const auto e = test::run(args);
        if (e.exit_code != 0 && e.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
            GTEST_SKIP() << e.err;
        ASSERT_EQ(e.exit_code, 0) << e.err;
        std::string recorded;
        for (const auto& [key, value] : read_image_records(a))
            if (key == kRecordUserLayersKey) recorded = value;
        // Each with the field it is labelled by: the trip's names, the unnamed area's none.
        EXPECT_EQ(recorded,
                  std::filesystem::absolute(dir + "/trip.geojson").lexically_normal().string() + "?label=name\n" +
                      std::filesystem::absolute(dir + "/area.geojson").lexically_normal().string() + "?label=");
        const auto r = test::run({"--view-from", a, "--export", b});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(test::read_text(a) == test::read_text(b)) << a << " and " << b << " differ";
    }
    // --layer adds to the recorded ones.
    const std::string c = dir + "/c.png";
    ASSERT_EQ(test::run({"--view-from", dir + "/a.png", "--export", c, "--layer", dir + "/pipes.kml"}).exit_code, 0);
    std::string recorded;
    for (const auto& [key, value] : read_image_records(c))
        if (key == kRecordUserLayersKey) recorded = value;
    EXPECT_EQ(std::count(recorded.begin(), recorded.end(), '\n'), 2) << recorded;
    // A layer moved away since is named, and nothing is written.
    std::filesystem::rename(dir + "/area.geojson", dir + "/moved.geojson");
    const auto gone = test::run({"--view-from", dir + "/a.png", "--export", dir + "/d.png"});
    EXPECT_EQ(gone.exit_code, 1);
    expect_one_line(gone, "layer '" + std::filesystem::absolute(dir + "/area.geojson").lexically_normal().string() +
                              "': no such file");
    EXPECT_FALSE(std::filesystem::exists(dir + "/d.png"));
}

// A teacher's stops: their names, and how many pupils each takes.
void write_stops(const std::string& path) {
    write_file(path, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Samarkand","pupils":"12 pupils"},"geometry":{"type":"Point","coordinates":[66.96,39.65]}},
{"type":"Feature","properties":{"name":"Khujand","pupils":"9 pupils"},"geometry":{"type":"Point","coordinates":[69.62,40.28]}}]})");
}

// "--layer FILE?label=FIELD" labels the layer by another field; the figure records it, so its file
// alone remakes it byte for byte; a field the file lacks is refused naming those it has.
TEST_F(Cli, ALayersChosenLabelFieldIsDrawnRecordedAndRemade) {
    write_stops(dir + "/stops.geojson");
    const std::string by_pupils = dir + "/pupils.png", by_name = dir + "/names.png", again = dir + "/again.png";
    std::vector<std::string> args{"--export", by_pupils, "--layer", dir + "/stops.geojson?label=pupils"};
    args.insert(args.end(), kView.begin(), kView.end());
    const auto e = test::run(args);
    if (e.exit_code != 0 && e.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << e.err;
    ASSERT_EQ(e.exit_code, 0) << e.err;
    std::string recorded;
    for (const auto& [key, value] : read_image_records(by_pupils))
        if (key == kRecordUserLayersKey) recorded = value;
    EXPECT_EQ(recorded, std::filesystem::absolute(dir + "/stops.geojson").lexically_normal().string() + "?label=pupils");
    args[1] = by_name;
    args[3] = dir + "/stops.geojson";
    ASSERT_EQ(test::run(args).exit_code, 0);
    EXPECT_FALSE(test::read_text(by_pupils) == test::read_text(by_name)) << "the label field changed nothing";
    const auto r = test::run({"--view-from", by_pupils, "--export", again});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::read_text(by_pupils) == test::read_text(again)) << by_pupils << " and " << again << " differ";
    // The SVG's layer holds the chosen field's text, not the names.
    const std::string svg = dir + "/pupils.svg";
    args[1] = svg;
    args[3] = dir + "/stops.geojson?label=pupils";
    ASSERT_EQ(test::run(args, kNoGl).exit_code, 0);
    const auto texts = svg_groups(svg)["stops.geojson"];
    EXPECT_NE(std::find(texts.begin(), texts.end(), "12 pupils"), texts.end());
    EXPECT_EQ(std::find(texts.begin(), texts.end(), "Samarkand"), texts.end());
    // A field it does not have: one line naming those it has, nothing written.
    args[1] = dir + "/out/wrong.png";
    args[3] = dir + "/stops.geojson?label=teacher";
    std::filesystem::create_directories(dir + "/out");
    const auto wrong = test::run(args);
    EXPECT_EQ(wrong.exit_code, 1);
    expect_one_line(wrong, "layer '" + dir + "/stops.geojson': no field 'teacher' to label it by (its fields: name, pupils)");
    EXPECT_EQ(entries(dir + "/out"), 0u);
}

// A figure's legend keys the user's layers it shows under "Your layers", by their files' names;
// their dots are not taken for one of the article's marks.
TEST_F(Cli, TheLegendKeysTheUsersLayersByName) {
    const std::string kFigureGroup = "Title, legend, scale bar and caption";
    write_stops(dir + "/stops.geojson");
    write_area(dir + "/area.geojson");
    std::vector<std::string> args{"--export", dir + "/plain.svg", "--legend"};
    args.insert(args.end(), kView.begin(), kView.end());
    ASSERT_EQ(test::run(args, kNoGl).exit_code, 0);
    args[1] = dir + "/own.svg";
    args.insert(args.end(), {"--layer", dir + "/stops.geojson", "--layer", dir + "/area.geojson"});
    const auto r = test::run(args, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto plain = svg_groups(dir + "/plain.svg")[kFigureGroup], own = svg_groups(dir + "/own.svg")[kFigureGroup];
    ASSERT_FALSE(plain.empty()) << "no legend";
    plain.insert(plain.end(), {"Your layers", "stops.geojson", "area.geojson"});
    std::sort(plain.begin(), plain.end());
    std::sort(own.begin(), own.end());
    EXPECT_EQ(own, plain);
}

TEST_F(Cli, OwnLayersAreGroupsOfTheirOwnInTheSvgWithTheirNames) {
    write_layers(dir);
    const std::string out = dir + "/own.svg";
    std::vector<std::string> args = {"--export", out, "--layer", dir + "/trip.geojson", "--layer", dir + "/pipes.kml"};
    args.insert(args.end(), kView.begin(), kView.end());
    const auto r = test::run(args, kNoGl);  // no GL needed for a vector export
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto groups = svg_groups(out);
    ASSERT_TRUE(groups.count("trip.geojson")) << "no group for the GeoJSON";
    ASSERT_TRUE(groups.count("pipes.kml")) << "no group for the KML";
    auto has = [&](const std::string& group, const std::string& text) {
        const auto& t = groups.at(group);
        return std::find(t.begin(), t.end(), text) != t.end();
    };
    EXPECT_TRUE(has("trip.geojson", "Fergana trip"));
    EXPECT_TRUE(has("trip.geojson", "Osh"));
    EXPECT_TRUE(has("pipes.kml", "Gas pipeline"));
    EXPECT_TRUE(has("pipes.kml", "Galkynysh"));
    // The PDF has the same layers.
    const std::string pdf = dir + "/own.pdf";
    args[1] = pdf;
    ASSERT_EQ(test::run(args, kNoGl).exit_code, 0);
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(pdf.c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(ds);
    std::vector<std::string> layers;
    for (char** md = ds->GetMetadata("LAYERS"); md && *md; ++md) layers.push_back(std::string(*md).substr(std::string(*md).find('=') + 1));
    // (GDAL reads a layer's name with its dots and spaces made '_'.)
    EXPECT_NE(std::find(layers.begin(), layers.end(), "trip_geojson"), layers.end());
    EXPECT_NE(std::find(layers.begin(), layers.end(), "pipes_kml"), layers.end());
}

TEST_F(Cli, ALayerThatCannotBeDrawnIsRefusedInOneLine) {
    write_file(dir + "/broken.geojson", "{ not json");
    write_file(dir + "/empty.kml",
               R"(<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>A</name></Placemark></Document></kml>)");
    const std::string out = dir + "/out/x.svg";
    std::filesystem::create_directories(dir + "/out");
    for (const auto& [file, message] : std::vector<std::pair<std::string, std::string>>{
             {"broken.geojson",
              "not a vector file GDAL reads (GeoJSON, Shapefile, KML or KMZ, GeoPackage, GPX, CSV)"},
             {"empty.kml", "1 feature, none with coordinates (nothing to draw)"},
             {"missing.shp", "no such file"}}) {
        const auto r = test::run({"--export", out, "--layer", dir + "/" + file}, kNoGl);
        EXPECT_EQ(r.exit_code, 1) << file;
        expect_one_line(r, "layer '" + dir + "/" + file + "': " + message);
        EXPECT_EQ(entries(dir + "/out"), 0u) << file;
    }
}

}  // namespace
}  // namespace atlas
