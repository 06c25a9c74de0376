// The guided tour's scene file: the shipped tour loads in order and checks clean, saves back byte
// for byte (keeping the previous version as a backup), and a broken scene is reported at its line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "geo/facts_load.hpp"
#include "support/data_copy.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST(Tour, TheShippedTourFollowsTheArticleAndChecksClean) {
    const DataSet d = load_data_set(test::data_dir());
    EXPECT_TRUE(d.problems.empty());
    ASSERT_EQ(d.tour.size(), 10u);
    std::vector<std::string> ids;
    for (const auto& s : d.tour) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"region", "threats", "northern-border", "badakhshan", "csto", "kant",
                                             "shanghai-five", "sco-exercises", "cooperation", "after"}));
    const Scene& kant = d.tour[5];
    EXPECT_EQ(kant.passage, "integration-22");
    EXPECT_EQ(kant.highlight, std::vector<std::string>{"kant-airbase"});
    EXPECT_TRUE(kant.layers.places);
    EXPECT_FALSE(kant.layers.graticule);
    EXPECT_EQ(d.tour[6].date, (Date{1997, 6, 1}));
}

TEST(Tour, SavesBackUnchangedKeepingABackup) {
    const std::string dir = test::copy_data("tour-save");
    const std::string path = dir + "/" + kTourFile;
    std::filesystem::copy_file(test::data_dir() + "/" + kTourFile, path,
                               std::filesystem::copy_options::overwrite_existing);
    std::vector<DataProblem> problems;
    const auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    const std::string before = slurp(path);
    save_tour(path, scenes);
    EXPECT_EQ(slurp(path), before);
    EXPECT_EQ(slurp(path + ".bak"), before);
    // A change is written, and the backup is the previous version.
    auto changed = scenes;
    changed.front().title = "Central Asia";
    std::swap(changed[1], changed[2]);  // reordered
    save_tour(path, changed);
    EXPECT_EQ(slurp(path + ".bak"), before);
    const auto again = load_tour(dir, problems);
    ASSERT_EQ(again.size(), scenes.size());
    EXPECT_EQ(again.front().title, "Central Asia");
    EXPECT_EQ(again[1].id, "northern-border");
}

TEST(Tour, ABrokenSceneIsReportedAtItsLine) {
    const std::string dir = test::copy_data("tour-broken");
    const std::string path = dir + "/" + kTourFile;
    std::filesystem::copy_file(test::data_dir() + "/" + kTourFile, path,
                               std::filesystem::copy_options::overwrite_existing);
    const int line = test::find_line(path, "kant,The Kant airbase");
    test::replace_line(
        path, line,
        "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries sattelite,kant-base,integration-99");
    std::vector<std::string> got;
    for (const auto& p : load_data_set(dir).problems) got.push_back(p.str());
    const std::string at = path + ":" + std::to_string(line) + ": ";
    auto has = [&](const std::string& m) { return std::find(got.begin(), got.end(), at + m) != got.end(); };
    EXPECT_TRUE(
        has("unknown layer 'sattelite' (one of countries provinces labels memberships northern_border regions "
            "places capitals graticule, all)"));
    // The record with an unknown layer is left out; fix the layer and the rest is checked.
    test::replace_line(path, line,
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-base,integration-99");
    got.clear();
    for (const auto& p : load_data_set(dir).problems) got.push_back(p.str());
    EXPECT_TRUE(has("no passage 'integration-99' in the article"));
    EXPECT_TRUE(has("unknown entity 'kant-base'"));
}

}  // namespace
}  // namespace atlas
