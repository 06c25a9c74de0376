// `ca-atlas --export-facts FILE` (app/facts_export_mode.cpp), run as the program: a GeoPackage, a
// GeoJSON and a KML file whose features are the facts' records, the KML's membership spans read
// back by ogrinfo as TimeSpans, the day's standing from --date; and every refusal (an unknown
// extension, a day outside the timeline, a folder that is not there, data with problems) one line
// on stderr, a non-zero exit and no file.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>

#include "core/timeline.hpp"
#include "geo/facts_export.hpp"
#include "geo/facts_load.hpp"
#include "support/cli.hpp"
#include "support/data_copy.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/sanitizer.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Cli;

const DataSet& cli_facts_data() {
    static const DataSet data = load_data_set(test::data_dir());
    return data;
}

// Features per layer as GDAL reads the file (a GeoJSON collection's by its `layer` field).
std::map<std::string, size_t> layer_counts(const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    std::map<std::string, size_t> n;
    if (!ds) return n;
    for (OGRLayer* layer : ds->GetLayers())
        for (auto& f : *layer) {
            const int i = f->GetFieldIndex("layer");
            ++n[i >= 0 ? f->GetFieldAsString(i) : layer->GetName()];
        }
    return n;
}

// In the ASan build, writing the whole facts as KML takes over a minute, nearly
// all of it inside libkml's serialisation of the finished document (GDAL closing the dataset:
// copies of one growing string, each checked by ASan), which is not the atlas's code: the ci build
// writes it, and the geo tests run the atlas's KML code under ASan on the data with its borders
// simplified (tests/geo/facts_export_test.cpp).
using test::kAddressSanitizer;

TEST_F(Cli, FactsInEachFormat) {
    const DataSet& d = cli_facts_data();
    size_t written = 0;
    for (const char* ext : {".gpkg", ".geojson", ".json", ".kml"}) {
        if (kAddressSanitizer && std::string(ext) == ".kml") continue;
        ++written;
        const std::string file = dir + "/facts" + ext;
        const auto r = test::run({"--export-facts", file});
        ASSERT_EQ(r.exit_code, 0) << ext << ": " << r.err;
        EXPECT_TRUE(r.err.empty()) << r.err;
        EXPECT_EQ(r.out.rfind("ca-atlas: wrote the facts, with the standing on " + kArticleDate.str() + ", to " + file +
                                  ": " + std::to_string(d.facts->places.size()) + " places, ",
                              0),
                  0u)
            << r.out;
        auto n = layer_counts(file);
        EXPECT_EQ(n[kFactsPlaces], d.facts->places.size()) << ext;
        EXPECT_EQ(n[kFactsRegions] + n[kFactsRegionLines], d.facts->regions.size()) << ext;
        EXPECT_EQ(n[kFactsMemberships], d.facts->memberships.size()) << ext;
        EXPECT_GT(n[kFactsCountries], 0u) << ext;
        EXPECT_EQ(n[kFactsNorthernBorder], 3u) << ext;  // Turkmenistan, Uzbekistan, Tajikistan (regions.csv)
    }
    EXPECT_EQ(entries(dir), written);  // the files, no temporary one
}

// What Google Earth reads: ogrinfo (GDAL's LIBKML driver) finds a TimeSpan on every membership,
// begin and end, the same days as memberships.csv; and the file itself has the KML elements.
TEST_F(Cli, OgrinfoReadsTheKmlTimeSpans) {
    const std::string ogrinfo = test::find_on_path("ogrinfo");
    if (ogrinfo.empty()) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    if (kAddressSanitizer) GTEST_SKIP() << "the ASan build spends over a minute in libkml (see kAddressSanitizer)";
    const std::string file = dir + "/facts.kml";
    ASSERT_EQ(test::run({"--export-facts", file}).exit_code, 0);
    const auto r = test::run_tool(ogrinfo, {"-ro", "-q", file, kFactsMemberships});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DataSet& d = cli_facts_data();
    const Date horizon = civil_from_days(days_from_civil(kTimelineEnd) + 1);
    auto slashed = [](const Date& day) {  // how ogrinfo prints a date
        std::string s = day.str();
        std::replace(s.begin(), s.end(), '-', '/');
        return s;
    };
    size_t begins = 0, ends = 0;
    for (size_t at = r.out.find("  begin (DateTime) = "); at != std::string::npos;
         at = r.out.find("  begin (DateTime) = ", at + 1))
        ++begins;
    for (size_t at = r.out.find("  end (DateTime) = "); at != std::string::npos; at = r.out.find("  end (DateTime) = ", at + 1))
        ++ends;
    EXPECT_EQ(begins, d.facts->memberships.size());
    EXPECT_EQ(ends, d.facts->memberships.size());
    for (const auto& m : d.facts->memberships) {
        const std::string span = "  begin (DateTime) = " + slashed(m.from) + " 00:00:00\n  end (DateTime) = " +
                                 slashed(m.to ? *m.to : horizon) + " 00:00:00\n";
        EXPECT_NE(r.out.find(span), std::string::npos) << m.at.str() << ": " << span;
    }
    const std::string kml = test::read_text(file);
    size_t spans = 0;
    for (size_t at = kml.find("<TimeSpan>"); at != std::string::npos; at = kml.find("<TimeSpan>", at + 1)) ++spans;
    EXPECT_EQ(spans, d.facts->memberships.size());
    EXPECT_NE(kml.find("<begin>" + d.facts->memberships.front().from.str()), std::string::npos);
}

TEST_F(Cli, FactsStandingOnTheDateAsked) {
    const std::string file = dir + "/facts.geojson";
    const auto r = test::run({"--export-facts", file, "--date", "1997-06-01"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("with the standing on 1997-06-01"), std::string::npos) << r.out;
    const std::string text = test::read_text(file);
    EXPECT_NE(text.find("\"date\": \"1997-06-01\""), std::string::npos);
    EXPECT_EQ(text.find("\"date\": \"" + kArticleDate.str() + "\""), std::string::npos);
}

TEST_F(Cli, FactsRefusals) {
    auto r = test::run({"--export-facts", dir + "/facts.shp"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --export-facts '" + dir +
                           "/facts.shp': unknown extension '.shp'; the facts are written as .gpkg, .geojson, .json, .kml");
    r = test::run({"--export-facts", dir + "/facts"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --export-facts '" + dir +
                           "/facts': no extension; the facts are written as .gpkg, .geojson, .json, .kml");
    r = test::run({"--export-facts", dir + "/facts.kml", "--date", "1991-12-31"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --date '1991-12-31': the atlas covers 1992-01-01 to 2026-12-31");
    r = test::run({"--export-facts", dir + "/missing/facts.gpkg"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("ca-atlas: cannot write '" + dir + "/missing/facts.gpkg': ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
    r = test::run({"--export-facts", ""});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(entries(dir), 0u);
}

// Broken data is refused as the other exports refuse it: each problem, then one line; no file.
TEST_F(Cli, FactsFromDataWithProblemsAreNotWritten) {
    const std::string data = test::copy_data("facts-export-broken");
    const std::string memberships = data + "/memberships.csv";
    const int line = test::find_line(memberships, "csto,KGZ,member");
    ASSERT_GT(line, 0);
    std::string broken = test::line_of(memberships, line);
    broken.replace(broken.find(",member,"), 8, ",onlooker,");
    test::replace_line(memberships, line, broken);
    const auto r = test::run({"--data", data, "--export-facts", dir + "/facts.gpkg"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(memberships + ":" + std::to_string(line) + ": status 'onlooker'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ca-atlas: 1 problem in the data folder " + data + "; nothing was written\n"), std::string::npos)
        << r.err;
    EXPECT_EQ(entries(dir), 0u);
}

}  // namespace
}  // namespace atlas
