// The facts as GIS data (app/geo/facts_export.cpp), read back with GDAL's own API in each format:
// as many features as the facts have records, every quote the article's words exactly, each
// membership's span, the countries' standing on the day asked, WGS84, a KML balloon quoting with the
// citation; and a name it cannot write, or a folder that is not there, leaves nothing.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/geometry.hpp"
#include "core/overlay.hpp"
#include "core/timeline.hpp"
#include "geo/facts_export.hpp"
#include "geo/facts_load.hpp"
#include "support/paths.hpp"
#include "support/sanitizer.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

// In the ASan build, writing a KML takes minutes at the borders' full detail
// and still over half a minute simplified, nearly all of it in libkml's serialisation and GDAL's
// copies of the growing document when the dataset closes (not the atlas's code; the copies go
// through the instrumented std::string of the test program, each one checked). So there one test
// (FactsExportKml) writes the KML, from the data with its borders simplified to about 5 km (every
// test here reads back counts, fields and time spans, which that does not change); the ci build
// writes and reads every format at full detail.
using test::kAddressSanitizer;

DataSet load_export_data() {
    DataSet data = load_data_set(test::data_dir());
    if (kAddressSanitizer && data.world) {
        auto world = std::make_shared<World>(*data.world);
        constexpr double kToleranceDeg = 0.05;
        for (auto& c : world->countries) c.shape = simplify(c.shape, kToleranceDeg);
        for (auto& p : world->provinces) p.shape = simplify(p.shape, kToleranceDeg);
        for (auto& b : world->boundaries)
            for (auto& l : b.lines) l = simplify(l, kToleranceDeg);
        data.world = std::move(world);
    }
    return data;
}

const DataSet& export_data() {
    static const DataSet data = load_export_data();
    return data;
}

// One feature read back: its layer and every field as text (dates as YYYY-MM-DD).
struct ReadFeature {
    std::string layer;
    std::map<std::string, std::string> fields;
    const std::string& operator[](const std::string& name) const {
        static const std::string none;
        const auto it = fields.find(name);
        return it == fields.end() ? none : it->second;
    }
};

std::string field_text(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return "";
    const OGRFieldType t = f.GetFieldDefnRef(i)->GetType();
    if (t == OFTDate || t == OFTDateTime) {
        int y = 0, m = 0, d = 0, h = 0, mi = 0, tz = 0;
        float s = 0;
        f.GetFieldAsDateTime(i, &y, &m, &d, &h, &mi, &s, &tz);
        return Date{y, m, d}.str();
    }
    return f.GetFieldAsString(i);
}

// Every feature of the file, by layer (a GeoJSON collection's by its `layer` field), and whether
// every layer's CRS is EPSG:4326.
std::vector<ReadFeature> read_back(const std::string& path, bool& all_wgs84) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    EXPECT_TRUE(ds) << path << ": " << CPLGetLastErrorMsg();
    std::vector<ReadFeature> out;
    all_wgs84 = ds != nullptr;
    if (!ds) return out;
    for (OGRLayer* layer : ds->GetLayers()) {
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        const char* authority = srs ? srs->GetAuthorityName(nullptr) : nullptr;
        const char* code = srs ? srs->GetAuthorityCode(nullptr) : nullptr;
        if (!authority || !code || std::string(authority) + ":" + code != "EPSG:4326") {
            ADD_FAILURE() << path << ": layer " << layer->GetName() << " is not in EPSG:4326";
            all_wgs84 = false;
        }
        for (auto& f : *layer) {
            ReadFeature r;
            r.layer = layer->GetName();
            for (int i = 0; i < f->GetFieldCount(); ++i) r.fields[f->GetFieldDefnRef(i)->GetNameRef()] = field_text(*f, i);
            if (r.fields.count("layer")) r.layer = r.fields["layer"];
            if (r.fields.count("Name") && !r.fields.count("name")) r.fields["name"] = r.fields["Name"];  // LIBKML's
            out.push_back(std::move(r));
        }
    }
    return out;
}

std::map<std::string, size_t> count_by_layer(const std::vector<ReadFeature>& features) {
    std::map<std::string, size_t> n;
    for (const auto& f : features) ++n[f.layer];
    return n;
}

// The countries the facts speak of: a membership or a passage linked to the country.
size_t countries_spoken_of(const DataSet& d) {
    std::set<std::string> isos;
    for (const auto& m : d.facts->memberships) isos.insert(m.country);
    for (const auto& l : d.facts->links)
        if (d.world->country_index(l.entity) >= 0) isos.insert(l.entity);
    return isos.size();
}

std::string html_escaped(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : std::string(1, c);
    return out;
}

class FactsExport : public ::testing::TestWithParam<const char*> {
protected:
    std::string dir = test::fresh_dir(std::string("facts-export-") +
                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
};

TEST_P(FactsExport, EveryRecordIsAFeatureInWgs84) {
    if (kAddressSanitizer && std::string(GetParam()) == ".kml")
        GTEST_SKIP() << "the ASan build writes KML in FactsExportKml alone (see kAddressSanitizer)";
    const DataSet& d = export_data();
    ASSERT_TRUE(d.problems.empty());
    const std::string file = dir + "/facts" + GetParam();
    const FactsCounts counts = export_facts(file, *d.world, *d.facts, *d.article, kArticleDate);
    bool wgs84 = false;
    const auto features = read_back(file, wgs84);
    EXPECT_TRUE(wgs84);
    auto n = count_by_layer(features);
    size_t region_areas = 0, region_lines = 0;
    for (const auto& r : d.facts->regions) (r.kind == "boundary" ? region_lines : region_areas)++;
    EXPECT_EQ(n[kFactsPlaces], d.facts->places.size());
    EXPECT_EQ(n[kFactsRegions], region_areas);
    EXPECT_EQ(n[kFactsRegionLines], region_lines);
    EXPECT_EQ(n[kFactsNorthernBorder], d.facts->region("afghanistan-northern-border")->members.size());
    EXPECT_EQ(n[kFactsCountries], countries_spoken_of(d));
    EXPECT_EQ(n[kFactsMemberships], d.facts->memberships.size());
    for (const auto& [layer, count] : counts) EXPECT_EQ(n[layer], count) << layer;
    EXPECT_EQ(fs::directory_iterator(dir)->path(), fs::path(file));  // the file alone: no temporary left
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
}

// Every feature's quotes are its passages' text exactly as article.json has it, one per line, in
// the order of its passage ids; each carries the citation; Kant's are the links of kant-airbase.
TEST_P(FactsExport, QuotesAreTheArticlesWordsExactly) {
    if (kAddressSanitizer && std::string(GetParam()) == ".kml")
        GTEST_SKIP() << "the ASan build writes KML in FactsExportKml alone (see kAddressSanitizer)";
    const DataSet& d = export_data();
    const std::string file = dir + "/facts" + GetParam();
    export_facts(file, *d.world, *d.facts, *d.article, kArticleDate);
    bool wgs84 = false;
    size_t quoted = 0;
    bool kant = false;
    for (const auto& f : read_back(file, wgs84)) {
        EXPECT_EQ(f["citation"], d.article->citation) << f["id"];
        std::vector<std::string> ids, quotes;
        for (size_t s = 0; s < f["passages"].size();) {
            const size_t e = std::min(f["passages"].find(' ', s), f["passages"].size());
            ids.push_back(f["passages"].substr(s, e - s));
            s = e + 1;
        }
        for (size_t s = 0; s < f["quotes"].size();) {
            const size_t e = std::min(f["quotes"].find('\n', s), f["quotes"].size());
            quotes.push_back(f["quotes"].substr(s, e - s));
            s = e + 1;
        }
        ASSERT_EQ(ids.size(), quotes.size()) << f.layer << " " << f["id"];
        for (size_t i = 0; i < ids.size(); ++i) {
            const Passage* p = d.article->passage(ids[i]);
            ASSERT_TRUE(p) << ids[i];
            EXPECT_EQ(quotes[i], p->text) << f["id"];
            ++quoted;
        }
        if (f.layer == kFactsPlaces && f["id"] == "kant-airbase") {
            kant = true;
            std::string expected;
            for (const Link* l : d.facts->links_of("kant-airbase", *d.article)) expected += (expected.empty() ? "" : " ") + l->passage;
            EXPECT_EQ(f["passages"], expected);
            EXPECT_FALSE(expected.empty());
            const Place* place = d.facts->place("kant-airbase");
            EXPECT_EQ(f["source"], place->source);
            EXPECT_EQ(f["kind"], place->kind);
            EXPECT_EQ(f["from"], place->from->str());
        }
    }
    EXPECT_TRUE(kant);
    EXPECT_GT(quoted, d.facts->places.size());  // most features are quoted, some more than once
}

// Each membership is a span: begin its `from`, end its `to`, or past the timeline's end if open.
TEST_P(FactsExport, MembershipsAreTimeSpans) {
    if (kAddressSanitizer && std::string(GetParam()) == ".kml")
        GTEST_SKIP() << "the ASan build writes KML in FactsExportKml alone (see kAddressSanitizer)";
    const DataSet& d = export_data();
    const std::string file = dir + "/facts" + GetParam();
    export_facts(file, *d.world, *d.facts, *d.article, kArticleDate);
    bool wgs84 = false;
    std::map<std::string, ReadFeature> by_id;
    for (auto& f : read_back(file, wgs84))
        if (f.layer == kFactsMemberships) by_id[f["id"]] = f;
    const Date horizon = civil_from_days(days_from_civil(kTimelineEnd) + 1);
    size_t open = 0;
    for (const auto& m : d.facts->memberships) {
        const std::string id = m.organisation + "-" + m.country + "-" + m.from.str();
        ASSERT_TRUE(by_id.count(id)) << id;
        const ReadFeature& f = by_id[id];
        EXPECT_EQ(f["begin"], m.from.str()) << id;
        EXPECT_EQ(f["end"], (m.to ? *m.to : horizon).str()) << id;
        EXPECT_EQ(f["status"], status_key(m.status)) << id;
        EXPECT_EQ(f["source"], m.source) << id;
        open += !m.to;
    }
    EXPECT_GT(open, 0u);
}

INSTANTIATE_TEST_SUITE_P(Formats, FactsExport, ::testing::Values(".gpkg", ".geojson", ".kml"),
                         [](const auto& format) { return std::string(format.param + 1); });

// The countries' standing is the one of the day asked, the same as the map's overlay.
TEST(FactsExportDay, CountriesStandAsOnTheDayAsked) {
    const DataSet& d = export_data();
    const std::string dir = test::fresh_dir("facts-export-day");
    for (const Date day : {Date{1997, 6, 1}, kArticleDate, Date{2024, 7, 5}}) {
        const std::string file = dir + "/" + day.str() + ".gpkg";
        export_facts(file, *d.world, *d.facts, *d.article, day);
        bool wgs84 = false;
        const Overlay overlay = overlay_on(*d.facts, *d.world, day);
        size_t seen = 0;
        for (const auto& f : read_back(file, wgs84)) {
            if (f.layer != kFactsCountries) continue;
            const int c = d.world->country_index(f["id"]);
            ASSERT_GE(c, 0) << f["id"];
            EXPECT_EQ(f["date"], day.str());
            EXPECT_EQ(f["csto_status"], status_key(overlay.countries[size_t(c)].csto)) << f["id"] << " " << day.str();
            EXPECT_EQ(f["sco_status"], status_key(overlay.countries[size_t(c)].sco)) << f["id"] << " " << day.str();
            EXPECT_EQ(f["csto_organisation"], overlay.csto_org ? overlay.csto_org->id : "");
            ++seen;
        }
        EXPECT_EQ(seen, countries_spoken_of(d));
    }
}

// A KML placemark's balloon quotes each passage with its place in the article and the citation.
TEST(FactsExportKml, BalloonsQuoteWithTheCitation) {
    const DataSet& d = export_data();
    const std::string file = test::fresh_dir("facts-export-balloon") + "/facts.kml";
    export_facts(file, *d.world, *d.facts, *d.article, kArticleDate);
    bool wgs84 = false;
    size_t checked = 0;
    for (const auto& f : read_back(file, wgs84)) {
        for (size_t s = 0; s < f["passages"].size();) {
            const size_t e = std::min(f["passages"].find(' ', s), f["passages"].size());
            const Passage* p = d.article->passage(f["passages"].substr(s, e - s));
            ASSERT_TRUE(p);
            EXPECT_NE(f["description"].find(html_escaped(quotation(*d.article, *p))), std::string::npos)
                << f["id"] << ": " << f["description"];
            ++checked;
            s = e + 1;
        }
    }
    EXPECT_GT(checked, 0u);
}

// A name it cannot write, or a folder that is not there: an error naming the file, and nothing left.
TEST(FactsExportRefusal, NothingIsLeftBehind) {
    const DataSet& d = export_data();
    const std::string dir = test::fresh_dir("facts-export-refusal");
    EXPECT_THROW(export_facts(dir + "/facts.shp", *d.world, *d.facts, *d.article, kArticleDate), UsageError);
    try {
        export_facts(dir + "/missing/facts.gpkg", *d.world, *d.facts, *d.article, kArticleDate);
        ADD_FAILURE() << "no error";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("cannot write '" + dir + "/missing/facts.gpkg'", 0), 0u) << e.what();
    }
    EXPECT_TRUE(fs::is_empty(dir));
    EXPECT_EQ(facts_format("A.GeoJSON"), FactsFormat::GeoJson);
    EXPECT_EQ(facts_format("a.json"), FactsFormat::GeoJson);
    EXPECT_EQ(facts_format("dir.kml/a"), std::nullopt);
}

}  // namespace
}  // namespace atlas
