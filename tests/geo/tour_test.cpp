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

// A hand-edited scene keeps every digit through a save of another scene ("%g" kept six).
TEST(Tour, SavingKeepsEveryDigitOfAHandEditedScene) {
    const std::string dir = test::copy_data("tour-digits");
    const std::string path = dir + "/" + kTourFile;
    std::vector<DataProblem> problems;
    auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    scenes[1].view = View{68.123456789, 37.0000001, 1234.5678901};
    save_tour(path, scenes);
    auto again = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    again[0].title = "Edited elsewhere";
    save_tour(path, again);
    const auto last = load_tour(dir, problems);
    EXPECT_EQ(last[1].view.lon, 68.123456789);
    EXPECT_EQ(last[1].view.lat, 37.0000001);
    EXPECT_EQ(last[1].view.height_km, 1234.5678901);
    EXPECT_NE(test::line_of(path, 3).find(",68.123456789,37.0000001,1234.5678901,"), std::string::npos)
        << test::line_of(path, 3);
}

TEST(Tour, ABrokenSceneIsReportedAtItsLine) {
    const std::string dir = test::copy_data("tour-broken");
    const std::string path = dir + "/" + kTourFile;
    const int line = test::find_line(path, "kant,The Kant airbase");
    test::replace_line(
        path, line,
        "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries sattelite,kant-base,integration-99,");
    std::vector<std::string> got;
    for (const auto& p : load_data_set(dir).problems) got.push_back(p.str());
    const std::string at = path + ":" + std::to_string(line) + ": ";
    auto has = [&](const std::string& m) { return std::find(got.begin(), got.end(), at + m) != got.end(); };
    EXPECT_TRUE(
        has("unknown layer 'sattelite' (one of countries provinces labels memberships northern_border regions "
            "places capitals graticule, all)"));
    // The record with an unknown layer is left out; fix the layer and the rest is checked.
    test::replace_line(path, line,
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-base,integration-99,");
    got.clear();
    for (const auto& p : load_data_set(dir).problems) got.push_back(p.str());
    EXPECT_TRUE(has("no passage 'integration-99' in the article"));
    EXPECT_TRUE(has("unknown entity 'kant-base'"));
}

// The tour's path in a fresh copy of the data folder named `name`.
std::string copy_tour(const std::string& name) { return test::copy_data(name) + "/" + kTourFile; }

TEST(Tour, AnnotationsAreSavedWithTheirSceneAndReadBack) {
    const std::string path = copy_tour("tour-annotations");
    const std::string dir = std::filesystem::path(path).parent_path().string();
    std::vector<DataProblem> problems;
    auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    for (const auto& sc : scenes) EXPECT_TRUE(sc.annotations.empty()) << sc.id;  // the shipped tour has none
    // The presenter's circle round Kant, an arrow and a label with a comma and quotes in it.
    const std::string drawn =
        "circle 74.8464 42.8531 30km; arrow 74.2 43.3 74.75 42.9 #ffd400; text 74.9 43 \"Kant, the \\\"airbase\\\"\"";
    std::string error;
    const auto notes = parse_annotations(drawn, error);
    ASSERT_TRUE(notes) << error;
    ASSERT_EQ(scenes[5].id, "kant");
    scenes[5].annotations = *notes;
    save_tour(path, scenes);
    // The CSV field is quoted (it holds a comma), its quotes doubled; the other scenes' are empty.
    const std::string line = test::line_of(path, 7);
    const std::string field =
        "\"circle 74.8464 42.8531 30km; arrow 74.2 43.3 74.75 42.9 #ffd400; text 74.9 43 \"\"Kant, the \\\"\"airbase\\\"\"\"\"\"";
    EXPECT_EQ(line.substr(line.size() - std::min(line.size(), field.size())), field) << line;
    EXPECT_EQ(test::line_of(path, 6).back(), ',');
    // Read back: the same shapes, and saved again the file is unchanged.
    const auto again = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty()) << problems.front().str();
    ASSERT_EQ(again.size(), scenes.size());
    EXPECT_EQ(again[5].annotations, *notes);
    EXPECT_EQ(again[5].annotations.shapes.at(2).text, "Kant, the \"airbase\"");
    const std::string saved = slurp(path);
    save_tour(path, again);
    EXPECT_EQ(slurp(path), saved);
    // A tour written before the column existed still loads, without annotations.
    std::ofstream(path, std::ios::binary) << "id,title,lon,lat,height_km,projection,date,layers,highlight,passage\n"
                                             "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-airbase,integration-22\n";
    const auto old = load_tour(dir, problems);
    EXPECT_TRUE(problems.empty());
    ASSERT_EQ(old.size(), 1u);
    EXPECT_TRUE(old[0].annotations.empty());
}

TEST(Tour, ABadAnnotationIsReportedAtItsLine) {
    const std::string path = copy_tour("tour-bad-annotation");
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const int line = test::find_line(path, "kant,The Kant airbase");
    test::replace_line(path, line,
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-airbase,integration-22,"
                       "circle 74.8 42.9 30km; circle 74.8 42.9 30");
    std::vector<DataProblem> problems;
    const auto scenes = load_tour(dir, problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].str(), path + ":" + std::to_string(line) +
                                     ": annotations: shape 2 (circle): radius '30' is not a distance from 0.01km to "
                                     "20000km (circle LON LAT 30km)");
    EXPECT_EQ(scenes.size(), 9u);  // the scene is left out
}

TEST(Tour, AKeyboardOnlyWalkThroughTheWholeTour) {
    const DataSet d = load_data_set(test::data_dir());
    ASSERT_FALSE(d.tour.empty());
    TourPlayer player(d.tour.size());
    AppState state;
    auto check = [&](size_t i) {
        const Scene& sc = d.tour[i];
        apply_scene(d.tour[player.scene()], state);
        EXPECT_EQ(player.scene(), i);
        EXPECT_EQ(state.projection, sc.projection) << sc.id;
        EXPECT_EQ(state.date, sc.date) << sc.id;
        EXPECT_TRUE(state.layers == sc.layers) << sc.id;
        EXPECT_EQ(state.selected, sc.highlight.empty() ? std::string() : sc.highlight.front()) << sc.id;
    };
    check(0);
    // Right / Page Down / Space through every scene, and no further than the last.
    for (size_t i = 1; i < d.tour.size(); ++i) {
        EXPECT_TRUE(player.key(TourKey::Next));
        check(i);
    }
    EXPECT_FALSE(player.key(TourKey::Next));
    check(d.tour.size() - 1);
    // Left / Page Up back, Home to the first.
    EXPECT_TRUE(player.key(TourKey::Previous));
    check(d.tour.size() - 2);
    EXPECT_TRUE(player.key(TourKey::First));
    check(0);
    EXPECT_FALSE(player.key(TourKey::Previous));
    // A number then Enter jumps; a number out of range does nothing.
    player.key(TourKey::Digit, 1);
    player.key(TourKey::Digit, 0);
    EXPECT_EQ(player.typed(), "10");
    EXPECT_TRUE(player.key(TourKey::Enter));
    check(9);
    player.key(TourKey::Digit, 9);
    player.key(TourKey::Digit, 9);
    EXPECT_FALSE(player.key(TourKey::Enter));
    check(9);
    player.key(TourKey::Digit, 6);
    EXPECT_TRUE(player.key(TourKey::Enter));
    check(5);
    // B blanks the screen and shows it again, without moving.
    EXPECT_FALSE(player.key(TourKey::Blank));
    EXPECT_TRUE(player.blank());
    player.key(TourKey::Blank);
    EXPECT_FALSE(player.blank());
    check(5);
    // The threats scene outlines the countries it names after the first.
    apply_scene(d.tour[1], state);
    EXPECT_EQ(state.selected, "AFG");
    EXPECT_EQ(state.selected_members, (std::vector<std::string>{"IRQ", "IND", "PAK"}));
}

}  // namespace
}  // namespace atlas
