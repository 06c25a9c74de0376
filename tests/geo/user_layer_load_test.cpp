// Reading a teacher's own files: GeoJSON, KML, CSV and a Shapefile in another CRS become a
// UserLayer in lon/lat with their attributes; broken, empty and oversized files are refused with
// one message naming the file.
#include "geo/user_layer_load.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "geo/project.hpp"
#include "geo/projection.hpp"
#include "core/features.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

class UserLayerLoad : public ::testing::Test {
protected:
    std::string dir;
    void SetUp() override {
        dir = (fs::temp_directory_path() / ("ca-atlas-user-layer-" + std::to_string(::getpid()))).string();
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    std::string write(const std::string& name, const std::string& text) {
        const std::string path = dir + "/" + name;
        std::ofstream(path) << text;
        return path;
    }
    // The message load_user_layer throws for `path` ("" if it reads it).
    static std::string refusal(const std::string& path) {
        try {
            load_user_layer(path);
        } catch (const DataError& e) {
            return e.what();
        }
        return "";
    }
};

constexpr double kDegTolerance = 1e-6;  // deg: far below a pixel at any scale the map shows

const char* kTrip = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Fergana trip","days":3},"geometry":{"type":"LineString","coordinates":[[69.28,41.31],[72.8,40.78]]}},
{"type":"Feature","properties":{"name":"Osh","days":1},"geometry":{"type":"Point","coordinates":[72.8,40.53]}},
{"type":"Feature","properties":{"name":"Study area"},"geometry":{"type":"Polygon","coordinates":[[[68.5,39.5],[73.5,39.5],[73.5,42],[68.5,39.5]]]}},
{"type":"Feature","properties":{"name":"Two stops"},"geometry":{"type":"MultiPoint","coordinates":[[70,40],[71,41]]}}
]})";

TEST_F(UserLayerLoad, AGeoJsonIsReadWithItsKindsAndAttributes) {
    const auto l = load_user_layer(write("trip.geojson", kTrip));
    EXPECT_EQ(l->name, "trip.geojson");
    EXPECT_TRUE(fs::path(l->id).is_absolute()) << l->id;
    ASSERT_EQ(l->features.size(), 4u);
    EXPECT_EQ(l->features[0].kind, UserFeature::Kind::Line);
    EXPECT_EQ(l->features[1].kind, UserFeature::Kind::Point);
    EXPECT_EQ(l->features[2].kind, UserFeature::Kind::Polygon);
    EXPECT_EQ(l->features[3].kind, UserFeature::Kind::Point);
    EXPECT_EQ(l->features[3].parts.size(), 2u);  // a multipoint stays one feature
    EXPECT_NEAR(l->features[1].parts[0][0].x, 72.8, kDegTolerance);
    EXPECT_NEAR(l->features[1].parts[0][0].y, 40.53, kDegTolerance);
    EXPECT_EQ(attribute(l->features[0], "days"), "3");
    EXPECT_EQ(l->label_field, "name");
    EXPECT_EQ(l->fields, (std::vector<std::string>{"name", "days"}));
    EXPECT_TRUE(l->notes.empty());  // GeoJSON is WGS 84 by definition
    EXPECT_EQ(l->vertices, 2u + 1u + 4u + 2u);
}

TEST_F(UserLayerLoad, AShapefileInUtmIsReprojectedToLonLat) {
    // Osh written in UTM zone 43N by GDAL, as a teacher's GIS would.
    GDALAllRegister();
    const std::string shp = dir + "/stops.shp";
    {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        ASSERT_TRUE(drv);
        GDALDatasetUniquePtr ds(drv->Create(shp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRSpatialReference utm;
        utm.importFromEPSG(32643);
        OGRLayer* layer = ds->CreateLayer("stops", &utm, wkbPoint, nullptr);
        OGRFieldDefn name("NAME", OFTString);
        ASSERT_EQ(layer->CreateField(&name), OGRERR_NONE);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &utm));
        double x = 72.8, y = 40.53;
        ASSERT_TRUE(ct->Transform(1, &x, &y));
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("NAME", "Osh");
        OGRPoint p(x, y);
        f.SetGeometry(&p);
        ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
    const auto l = load_user_layer(shp);
    ASSERT_EQ(l->features.size(), 1u);
    EXPECT_NEAR(l->features[0].parts[0][0].x, 72.8, kDegTolerance);
    EXPECT_NEAR(l->features[0].parts[0][0].y, 40.53, kDegTolerance);
    EXPECT_EQ(l->label_field, "NAME");
    EXPECT_TRUE(l->notes.empty());
}

TEST_F(UserLayerLoad, AKmlIsReadWithItsPlacemarksNames) {
    const auto l = load_user_layer(write("pipes.kml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Central Asia-China gas pipeline</name><description>opened 2009</description>
<LineString><coordinates>61.5,37.6 64.4,39.8 69.2,41.3</coordinates></LineString></Placemark>
<Placemark><name>Galkynysh</name><Point><coordinates>62.3,37.3</coordinates></Point></Placemark>
<Placemark><name>No place</name></Placemark>
</Document></kml>)"));
    ASSERT_EQ(l->features.size(), 2u);
    EXPECT_EQ(attribute(l->features[0], l->label_field), "Central Asia-China gas pipeline");
    EXPECT_EQ(attribute(l->features[0], "description"), "opened 2009");
    EXPECT_EQ(l->features[0].parts[0].size(), 3u);
    ASSERT_EQ(l->notes.size(), 1u);
    EXPECT_EQ(l->notes[0], "1 feature without coordinates left out");
}

TEST_F(UserLayerLoad, ACsvOfLonLatColumnsIsReadAsWgs84WithANote) {
    const auto l = load_user_layer(write("unis.csv", "name,lon,lat,students\nAUCA,74.63,42.84,1300\nUCA Khorog,71.55,37.49,400\n"));
    ASSERT_EQ(l->features.size(), 2u);
    EXPECT_NEAR(l->features[1].parts[0][0].x, 71.55, kDegTolerance);
    EXPECT_NEAR(l->features[1].parts[0][0].y, 37.49, kDegTolerance);
    EXPECT_EQ(attribute(l->features[0], "students"), "1300");
    ASSERT_EQ(l->notes.size(), 1u);
    EXPECT_NE(l->notes[0].find("read as WGS 84"), std::string::npos);
    // A CSV whose coordinates are metres, with nothing to say what they are, is refused.
    const std::string metres = refusal(write("metres.csv", "name,x,y\nA,500000,4500000\n"));
    EXPECT_NE(metres.find("not longitude and latitude"), std::string::npos) << metres;
}

TEST_F(UserLayerLoad, BrokenMissingAndEmptyFilesAreRefusedNamingTheFile) {
    const std::string missing = refusal(dir + "/nowhere.geojson");
    EXPECT_NE(missing.find("nowhere.geojson': no such file"), std::string::npos) << missing;
    const std::string broken = refusal(write("broken.geojson", "{ not json"));
    EXPECT_NE(broken.find("broken.geojson': not a vector file GDAL reads"), std::string::npos) << broken;
    const std::string image = refusal(write("notes.txt", "hello\n"));
    EXPECT_NE(image.find("not a vector file"), std::string::npos) << image;
    const std::string empty = refusal(write("empty.kml", R"(<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>A</name></Placemark><Placemark><name>B</name></Placemark></Document></kml>)"));
    EXPECT_NE(empty.find("2 features, none with coordinates"), std::string::npos) << empty;
    const std::string folder = refusal(dir);
    EXPECT_NE(folder.find("a folder"), std::string::npos) << folder;
}

// "FILE?label=FIELD" labels a layer by another of its fields, or by none; a field it lacks is
// named with those it has; a file whose own name holds "?label=" is still that file.
TEST_F(UserLayerLoad, ALayerIsLabelledByTheFieldItsNameGives) {
    const std::string path = write("trip.geojson", kTrip);
    EXPECT_EQ(load_user_layer(path + "?label=days")->label_field, "days");
    EXPECT_EQ(load_user_layer(path + "?label=")->label_field, "");
    EXPECT_EQ(load_user_layer(path + "?label=days")->id, load_user_layer(path)->id);
    EXPECT_EQ(load_user_layer_id(path + "?label=days"), load_user_layer(path)->id);
    const std::string wrong = refusal(path + "?label=pupils");
    EXPECT_NE(wrong.find("trip.geojson': no field 'pupils' to label it by (its fields: name, days)"), std::string::npos)
        << wrong;
    const std::string odd = write("trip.geojson?label=x", kTrip);
    EXPECT_EQ(load_user_layer(odd)->name, "trip.geojson?label=x");
    EXPECT_EQ(load_user_layer(odd)->label_field, "name");
}

TEST_F(UserLayerLoad, ALayerOfAMillionPointsIsRefusedWithoutReadingItAll) {
    // A million points as GDAL writes them: the reader stops at its bound and says so.
    const std::string path = dir + "/million.csv";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_TRUE(f);
        std::fputs("lon,lat\n", f);
        for (int i = 0; i < 1'000'000; ++i) std::fprintf(f, "%.4f,%.4f\n", 60 + (i % 1000) * 0.02, 35 + (i / 1000) * 0.015);
        std::fclose(f);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const std::string why = refusal(path);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_NE(why.find("more than " + std::to_string(kUserLayerMaxFeatures) + " features"), std::string::npos) << why;
    std::printf("a million points refused in %.2f s\n", s);
}

TEST_F(UserLayerLoad, AProjectedLayerHasItsPointsLinesAndAnchorsInMapMetres) {
    const auto l = load_user_layer(write("trip.geojson", kTrip));
    const Projection proj("albers");
    const ProjectedUserLayer u = project_user_layer(l, proj, user_layer_colour(0));
    ASSERT_EQ(u.points.size(), 3u);  // Osh and the two stops
    EXPECT_EQ(u.point_feature, (std::vector<int>{1, 3, 3}));
    const Vec2 osh = proj.forward({72.8, 40.53});
    EXPECT_NEAR(u.points[0].x, osh.x, 1e-6);  // m
    EXPECT_NEAR(u.points[0].y, osh.y, 1e-6);  // m
    ASSERT_TRUE(u.lines);
    EXPECT_EQ(u.line_feature, (std::vector<int>{0, 2}));
    EXPECT_EQ(u.anchors.size(), 4u);
    // Found where it lies: Osh's point, the study area inside it.
    EXPECT_EQ(user_feature_at(u, osh, 1000), 1);
    EXPECT_EQ(user_feature_at(u, proj.forward({72.5, 40.0}), 1000), 2);
}

// The area of a ring of lon/lat points once projected (shoelace, m²).
double projected_area(const Projection& proj, const std::vector<Vec2>& lonlat) {
    double a = 0;
    for (size_t i = 0; i < lonlat.size(); ++i) {
        const Vec2 p = proj.forward(lonlat[i]), q = proj.forward(lonlat[(i + 1) % lonlat.size()]);
        a += p.x * q.y - q.x * p.y;
    }
    return std::abs(a) / 2;
}

TEST_F(UserLayerLoad, APolygonsFillCoversItsAreaLessItsHolesInEveryPart) {
    // Two districts as one multipolygon, the first with a lake cut out of it.
    const auto l = load_user_layer(write("districts.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Two districts"},"geometry":{"type":"MultiPolygon","coordinates":[
 [[[70,40],[72,40],[72,42],[70,42],[70,40]],[[70.5,40.5],[71.5,40.5],[71.5,41.5],[70.5,41.5],[70.5,40.5]]],
 [[[73,40],[74,40],[74,41],[73,41],[73,40]]]]}},
{"type":"Feature","properties":{"name":"A road"},"geometry":{"type":"LineString","coordinates":[[66,38],[67,39]]}}]})"));
    ASSERT_EQ(l->features.size(), 2u);
    EXPECT_EQ(l->features[0].polygon_starts, (std::vector<std::size_t>{0, 2}));
    const Projection proj("albers");
    const ProjectedUserLayer u = project_user_layer(l, proj, user_layer_colour(0));
    ASSERT_TRUE(u.fills);
    ASSERT_EQ(u.fills->levels.size(), size_t(1 + kCoarseRegionLevels));
    const UserFillMesh& full = u.fills->levels[0];
    ASSERT_EQ(full.indices.size() % 3, 0u);
    double covered = 0;
    const auto& xy = full.xy;
    for (size_t t = 0; t < full.indices.size(); t += 3) {
        const unsigned a = full.indices[t], b = full.indices[t + 1], c = full.indices[t + 2];
        ASSERT_LT(std::max({a, b, c}) * 2 + 1, xy.size());
        covered += std::abs((xy[b * 2] - xy[a * 2]) * (xy[c * 2 + 1] - xy[a * 2 + 1]) -
                            (xy[c * 2] - xy[a * 2]) * (xy[b * 2 + 1] - xy[a * 2 + 1])) /
                   2;
    }
    auto square = [](double x0, double y0, double x1, double y1) {
        return std::vector<Vec2>{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    };
    // The fill's edges are straight in map metres between the file's vertices, as the ring's are.
    const double expected = projected_area(proj, square(70, 40, 72, 42)) -
                            projected_area(proj, square(70.5, 40.5, 71.5, 41.5)) +
                            projected_area(proj, square(73, 40, 74, 41));
    EXPECT_NEAR(covered / expected, 1.0, 1e-6) << covered << " m² against " << expected;
    // The lake is not covered: no triangle holds its middle.
    const Vec2 lake = proj.forward({71, 41});
    for (size_t t = 0; t < full.indices.size(); t += 3) {
        Vec2 p[3];
        for (int k = 0; k < 3; ++k) p[k] = {xy[full.indices[t + k] * 2], xy[full.indices[t + k] * 2 + 1]};
        const double d1 = (lake.x - p[1].x) * (p[0].y - p[1].y) - (p[0].x - p[1].x) * (lake.y - p[1].y);
        const double d2 = (lake.x - p[2].x) * (p[1].y - p[2].y) - (p[1].x - p[2].x) * (lake.y - p[2].y);
        const double d3 = (lake.x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (lake.y - p[0].y);
        const bool inside = !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
        EXPECT_FALSE(inside) << "triangle " << t / 3 << " covers the lake";
    }
    // Zoomed out, a round lake of 7,000 vertices (1 degree across) is drawn with a handful of triangles.
    std::string ring;
    for (int k = 0; k <= 7000; ++k) {
        const double a = 2 * M_PI * (k % 7000) / 7000;
        ring += (k ? "," : "") + std::string("[") + std::to_string(71 + std::cos(a)) + "," + std::to_string(41 + std::sin(a)) + "]";
    }
    const auto lake_layer = load_user_layer(write("lake.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[)" + ring + "]]}}]}"));
    const ProjectedUserLayer round = project_user_layer(lake_layer, proj, user_layer_colour(0));
    ASSERT_TRUE(round.fills);
    EXPECT_GE(round.fills->levels[0].indices.size() / 3, 6998u);
    const size_t coarsest = round.fills->levels.back().indices.size() / 3;
    EXPECT_GE(coarsest, 6u);  // still a round shape at 8 km a vertex
    EXPECT_LT(coarsest, 200u);
    EXPECT_EQ(&round.fills->at_level(-1), &round.fills->levels[0]);
    EXPECT_EQ(&round.fills->at_level(kCoarseRegionLevels + 3), &round.fills->levels.back());
    // A layer of lines only has no fill.
    const auto road = load_user_layer(write("road.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[66,38],[67,39]]}}]})"));
    EXPECT_EQ(project_user_layer(road, proj, user_layer_colour(0)).fills, nullptr);
}

}  // namespace
}  // namespace atlas
