// Loading geodata/atlas.gpkg: the expected countries and provinces, valid geometry, and one
// clear DataError for each kind of broken file.
#include "geo/load.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

const World& shipped_world() {
    static const World w = load_world(test::data_dir());
    return w;
}

const Country* find(const World& w, const std::string& iso) {
    const int i = w.country_index(iso);
    return i < 0 ? nullptr : &w.countries[size_t(i)];
}

TEST(Load, CentralAsiaAndEveryNeighbourIsPresent) {
    const World& w = shipped_world();
    // The five Central Asian states, Afghanistan, and the neighbours from Turkey to Mongolia and
    // from Russia to the Arabian Sea's shores.
    for (const char* iso : {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "RUS", "CHN", "MNG", "IRN", "PAK", "IND", "TUR", "GEO",
                            "ARM", "AZE", "UKR", "IRQ", "SAU", "OMN", "ARE", "NPL"}) {
        const Country* c = find(w, iso);
        ASSERT_NE(c, nullptr) << iso << " missing";
        EXPECT_FALSE(c->name.empty()) << iso;
        EXPECT_GT(area(c->shape), 0) << iso;
    }
    EXPECT_EQ(find(w, "TJK")->name, "Tajikistan");
    EXPECT_EQ(find(w, "KGZ")->name, "Kyrgyzstan");
    std::set<std::string> codes;
    for (const auto& c : w.countries) EXPECT_TRUE(codes.insert(c.iso_a3).second) << "duplicate " << c.iso_a3;
}

TEST(Load, NoGeometryWestOfTheDataEdge) {
    // Russia's Chukotka beyond the antimeridian is cut off so no projection wraps it.
    for (const auto& c : shipped_world().countries) EXPECT_GE(bounds(c.shape).min_x, 0.0) << c.iso_a3;
}

TEST(Load, EveryGeometryIsValidForGeos) {
    init_gdal();
    const std::string file = test::data_dir() + "/atlas.gpkg";
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    for (const char* layer : {"countries", "provinces"}) {
        OGRLayer* l = ds->GetLayerByName(layer);
        ASSERT_NE(l, nullptr) << layer;
        for (auto& f : *l) {
            const OGRGeometry* g = f->GetGeometryRef();
            ASSERT_NE(g, nullptr);
            EXPECT_TRUE(g->IsValid()) << layer << " feature " << f->GetFID();
        }
    }
}

TEST(Load, ProvincesOfCentralAsiaAndAfghanistan) {
    std::map<std::string, int> count;
    std::set<std::string> afg;
    for (const auto& p : shipped_world().provinces) {
        ++count[p.iso_a3];
        if (p.iso_a3 == "AFG") afg.insert(p.name);
    }
    // Afghanistan has 34 provinces; Natural Earth 1:10m admin-1 v4.1.0 lists each once here.
    EXPECT_EQ(afg.size(), 34u);
    EXPECT_TRUE(afg.count("Badakhshan"));
    EXPECT_TRUE(afg.count("Balkh"));
    for (const char* iso : {"KAZ", "KGZ", "TJK", "TKM", "UZB"}) EXPECT_GE(count[iso], 5) << iso;
    for (const auto& p : shipped_world().provinces) EXPECT_GT(area(p.shape), 0) << p.id;
}

TEST(Load, AfghanistansNorthernBordersAreSingleLines) {
    std::map<std::pair<std::string, std::string>, int> seen;
    for (const auto& b : shipped_world().boundaries) {
        EXPECT_LT(b.iso_left, b.iso_right) << b.name;
        ++seen[{b.iso_left, b.iso_right}];
    }
    for (auto pair : {std::pair<std::string, std::string>{"AFG", "TJK"}, {"AFG", "UZB"}, {"AFG", "TKM"}}) EXPECT_EQ(seen[pair], 1);
    for (const auto& [pair, n] : seen) EXPECT_EQ(n, 1) << pair.first << "-" << pair.second;
}

// ---- Broken files: each gives one DataError naming the file and the problem. ----

class BrokenData : public ::testing::Test {
protected:
    std::string dir;
    std::string file;
    void SetUp() override {
        dir = test::fresh_dir(std::string("broken-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        file = dir + "/atlas.gpkg";
    }
    void copy_shipped() { fs::copy_file(test::data_dir() + "/atlas.gpkg", file); }
    void sql(const std::string& statement) {
        init_gdal();
        GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        ds->ExecuteSQL(statement.c_str(), nullptr, nullptr);
    }
    std::string error() {
        try {
            load_world(dir);
        } catch (const DataError& e) {
            return e.what();
        }
        return "(no error)";
    }
};

TEST_F(BrokenData, MissingFile) { EXPECT_EQ(error(), file + ": file not found"); }

TEST_F(BrokenData, NotAGeoPackage) {
    std::ofstream(file) << "this is not a GeoPackage\n";
    EXPECT_EQ(error().rfind(file + ": not a readable GeoPackage", 0), 0u) << error();
}

TEST_F(BrokenData, TruncatedFile) {
    copy_shipped();
    fs::resize_file(file, fs::file_size(file) / 3);
    const std::string e = error();
    EXPECT_EQ(e.rfind(file + ": ", 0), 0u) << e;
    EXPECT_NE(e, "(no error)");
}

TEST_F(BrokenData, MissingLayer) {
    copy_shipped();
    sql("DROP TABLE province_boundaries");
    EXPECT_EQ(error(), file + ": layer 'province_boundaries' is missing");
}

TEST_F(BrokenData, MissingField) {
    copy_shipped();
    sql("ALTER TABLE countries RENAME COLUMN note TO remark");
    EXPECT_EQ(error(), file + ": layer 'countries' has no field 'note'");
}

TEST_F(BrokenData, MalformedCountryCode) {
    copy_shipped();
    sql("UPDATE countries SET iso_a3 = 'k9' WHERE iso_a3 = 'KGZ'");
    const std::string e = error();
    EXPECT_NE(e.find("layer 'countries' feature "), std::string::npos) << e;
    EXPECT_NE(e.find(": field 'iso_a3' is 'k9', not a three-letter country code"), std::string::npos) << e;
}

TEST_F(BrokenData, DuplicateCountry) {
    copy_shipped();
    sql("UPDATE countries SET iso_a3 = 'KAZ' WHERE iso_a3 = 'KGZ'");
    EXPECT_NE(error().find(": duplicate country code 'KAZ'"), std::string::npos) << error();
}

TEST_F(BrokenData, ProvinceOfAnUnknownCountry) {
    copy_shipped();
    sql("UPDATE provinces SET iso_a3 = 'XXX' WHERE name = 'Balkh'");
    const std::string e = error();
    EXPECT_NE(e.find("layer 'provinces' feature "), std::string::npos) << e;
    EXPECT_NE(e.find(": field 'iso_a3' names unknown country 'XXX'"), std::string::npos) << e;
}

TEST_F(BrokenData, BoundaryBetweenTwoUnknownCountries) {
    copy_shipped();
    sql("UPDATE boundaries SET iso_left = 'XXA', iso_right = 'XXB' WHERE iso_left = 'AFG' AND iso_right = 'TJK'");
    const std::string e = error();
    EXPECT_NE(e.find("layer 'boundaries' feature "), std::string::npos) << e;
    EXPECT_NE(e.find(": neither 'XXA' nor 'XXB' is a country of the map"), std::string::npos) << e;
}

// Coordinates that are no longitude and latitude (NaN, infinity, 95 N) were drawn; now the
// feature is named. The geometry is rewritten through OGR, as a damaged copy would hold it.
TEST_F(BrokenData, ACoordinateThatIsNoLongitudeAndLatitude) {
    for (const double bad : {std::nan(""), HUGE_VAL, 95.0}) {
        fs::remove(file);
        copy_shipped();
        init_gdal();
        GIntBig fid = -1;
        {
            GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
            ASSERT_TRUE(ds);
            OGRLayer* layer = ds->GetLayerByName("countries");
            layer->SetAttributeFilter("iso_a3 = 'KGZ'");
            std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
            ASSERT_TRUE(f);
            fid = f->GetFID();
            OGRGeometry* g = f->GetGeometryRef();
            OGRPolygon* poly = wkbFlatten(g->getGeometryType()) == wkbPolygon ? g->toPolygon() : g->toMultiPolygon()->getGeometryRef(0);
            poly->getExteriorRing()->setPoint(3, 74.5, bad);
            ASSERT_EQ(layer->SetFeature(f.get()), OGRERR_NONE);
        }
        const std::string e = error();
        EXPECT_NE(e.find(file + ": layer 'countries' feature " + std::to_string(fid) + ": point (74.5, "), std::string::npos) << e;
        EXPECT_NE(e.find(") is not a longitude and latitude"), std::string::npos) << e;
    }
}

TEST_F(BrokenData, EmptyGeometry) {
    copy_shipped();
    sql("UPDATE countries SET geom = NULL WHERE iso_a3 = 'TJK'");
    EXPECT_NE(error().find(": geometry is empty"), std::string::npos) << error();
}

}  // namespace
}  // namespace atlas
