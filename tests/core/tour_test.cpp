// The tour's edit operations (what the Tour panel does to the list of scenes): ids made unique
// from titles, insertion after a scene, deletion, reordering with its bounds, a scene taken from
// the map's state and given back by apply_scene, the default caption, and the checks before saving.
#include "core/tour.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <set>

namespace atlas {
namespace {

constexpr double kDegreeRounding = 0.5e-3;  // deg: take_map_state keeps 0.001 deg
constexpr double kHeightRoundingKm = 0.05;  // km: it keeps 0.1 km

Scene scene(const std::string& id, const std::string& title = "A scene") {
    Scene s;
    s.id = id;
    s.title = title;
    s.passage = "p-1";
    return s;
}

std::vector<std::string> ids(const std::vector<Scene>& scenes) {
    std::vector<std::string> out;
    for (const auto& s : scenes) out.push_back(s.id);
    return out;
}

TEST(TourEdit, IdsComeFromTitlesAndAreUnique) {
    std::vector<Scene> scenes;
    EXPECT_EQ(unique_scene_id("The Kant airbase", scenes), "the-kant-airbase");
    EXPECT_EQ(unique_scene_id("  The CSTO, in 2012!  ", scenes), "the-csto-in-2012");
    EXPECT_EQ(unique_scene_id("\u00abAfghanistan\u00bb \u2014 north", scenes), "afghanistan-north");
    EXPECT_EQ(unique_scene_id("", scenes), "scene");
    EXPECT_EQ(unique_scene_id("\u0422\u0430\u0434\u0436\u0438\u043a\u0438\u0441\u0442\u0430\u043d", scenes), "scene");
    EXPECT_LE(unique_scene_id(std::string(300, 'x'), scenes).size(), 40u);
    // The same title added again and again never gives an id twice.
    for (int i = 0; i < 25; ++i) insert_scene(scenes, std::nullopt, scene("", "Kant"));
    insert_scene(scenes, std::nullopt, scene("", ""));
    insert_scene(scenes, std::nullopt, scene("", "?"));
    const auto all = ids(scenes);
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
    EXPECT_EQ(all[0], "kant");
    EXPECT_EQ(all[1], "kant-2");
    EXPECT_EQ(all[24], "kant-25");
    EXPECT_EQ(all[25], "scene");
    EXPECT_EQ(all[26], "scene-2");
}

TEST(TourEdit, InsertGoesAfterTheChosenSceneAndKeepsAFreeId) {
    std::vector<Scene> scenes{scene("a"), scene("b"), scene("c")};
    EXPECT_EQ(insert_scene(scenes, 0, scene("x")), 1u);
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"a", "x", "b", "c"}));
    EXPECT_EQ(insert_scene(scenes, 3, scene("y")), 4u);  // after the last: at the end
    EXPECT_EQ(insert_scene(scenes, std::nullopt, scene("z")), 5u);
    EXPECT_EQ(insert_scene(scenes, 99, scene("w")), 6u);  // past the end: at the end
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"a", "x", "b", "c", "y", "z", "w"}));
    // A taken id is replaced by one made from the title.
    EXPECT_EQ(insert_scene(scenes, 0, scene("b", "Second b")), 1u);
    EXPECT_EQ(scenes[1].id, "second-b");
    std::vector<Scene> none;
    EXPECT_EQ(insert_scene(none, 0, scene("only")), 0u);
    EXPECT_EQ(ids(none), std::vector<std::string>{"only"});
}

TEST(TourEdit, DeleteKeepsTheRestInOrderAndRefusesOutOfRange) {
    std::vector<Scene> scenes{scene("a"), scene("b"), scene("c"), scene("d")};
    EXPECT_TRUE(delete_scene(scenes, 1));
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"a", "c", "d"}));
    EXPECT_FALSE(delete_scene(scenes, 3));
    EXPECT_EQ(scenes.size(), 3u);
    EXPECT_TRUE(delete_scene(scenes, 2));
    EXPECT_TRUE(delete_scene(scenes, 0));
    EXPECT_TRUE(delete_scene(scenes, 0));
    EXPECT_TRUE(scenes.empty());
    EXPECT_FALSE(delete_scene(scenes, 0));
}

TEST(TourEdit, MoveReordersWithinTheList) {
    std::vector<Scene> scenes{scene("a"), scene("b"), scene("c"), scene("d"), scene("e")};
    EXPECT_EQ(move_scene(scenes, 2, -1), std::optional<size_t>(1));
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"a", "c", "b", "d", "e"}));
    EXPECT_EQ(move_scene(scenes, 1, +1), std::optional<size_t>(2));
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
    EXPECT_EQ(move_scene(scenes, 0, +3), std::optional<size_t>(3));
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"b", "c", "d", "a", "e"}));
    EXPECT_EQ(move_scene(scenes, 4, -4), std::optional<size_t>(0));
    EXPECT_EQ(ids(scenes), (std::vector<std::string>{"e", "b", "c", "d", "a"}));
    // The first cannot go up, the last cannot go down, and there is no scene 5.
    const auto before = ids(scenes);
    EXPECT_FALSE(move_scene(scenes, 0, -1));
    EXPECT_FALSE(move_scene(scenes, 4, +1));
    EXPECT_FALSE(move_scene(scenes, 5, -1));
    EXPECT_FALSE(move_scene(scenes, 1, -2));
    EXPECT_EQ(ids(scenes), before);
    EXPECT_EQ(move_scene(scenes, 3, 0), std::optional<size_t>(3));
    EXPECT_EQ(ids(scenes), before);
}

TEST(TourEdit, ASceneTakenFromTheMapGivesTheMapBack) {
    Facts facts;
    Organisation csto;
    csto.id = "csto";
    facts.organisations.push_back(csto);
    AppState state;
    state.projection = "lcc";
    state.layers.graticule = true;
    state.layers.provinces = false;
    state.date = {2001, 6, 15};
    state.selected = "AFG";
    state.selected_members = {"IRQ", "PAK"};
    Scene sc = scene("kept", "Kept title");
    const View view{66.123456, 36.987654, 1234.5678};
    take_map_state(sc, state, view, &facts);
    EXPECT_EQ(sc.id, "kept");
    EXPECT_EQ(sc.title, "Kept title");
    EXPECT_EQ(sc.passage, "p-1");
    EXPECT_NEAR(sc.view.lon, view.lon, kDegreeRounding);
    EXPECT_NEAR(sc.view.lat, view.lat, kDegreeRounding);
    EXPECT_NEAR(sc.view.height_km, view.height_km, kHeightRoundingKm);
    EXPECT_EQ(sc.projection, "lcc");
    EXPECT_TRUE(sc.layers == state.layers);
    EXPECT_EQ(sc.date, state.date);
    EXPECT_EQ(sc.highlight, (std::vector<std::string>{"AFG", "IRQ", "PAK"}));
    AppState back;
    apply_scene(sc, back);
    EXPECT_EQ(back.projection, state.projection);
    EXPECT_TRUE(back.layers == state.layers);
    EXPECT_EQ(back.date, state.date);
    EXPECT_EQ(back.selected, state.selected);
    EXPECT_EQ(back.selected_members, state.selected_members);
    // An organisation's members follow the scene's date: only the organisation is kept.
    state.selected = "csto";
    state.selected_members = {"ARM", "KAZ"};
    take_map_state(sc, state, view, &facts);
    EXPECT_EQ(sc.highlight, std::vector<std::string>{"csto"});
    state.selected.clear();
    state.selected_members.clear();
    take_map_state(sc, state, view, &facts);
    EXPECT_TRUE(sc.highlight.empty());
    // The user's layers open and shown go with the scene; going back to it hides the others.
    state.user_hidden = {"/b.kml"};
    take_map_state(sc, state, view, &facts, {"/a.geojson", "/b.kml", "/c.csv"});
    EXPECT_EQ(sc.user_layers, (std::vector<std::string>{"/a.geojson", "/c.csv"}));
    AppState later;
    apply_scene(sc, later, {"/a.geojson", "/b.kml", "/c.csv", "/d.shp"});
    EXPECT_EQ(later.user_hidden, (std::vector<std::string>{"/b.kml", "/d.shp"}));
    // Each with the field it is labelled by: the scene keeps it, and hides by the file.
    take_map_state(sc, state, view, &facts, {"/a.geojson?label=days", "/b.kml?label=Name", "/c.csv?label="});
    EXPECT_EQ(sc.user_layers, (std::vector<std::string>{"/a.geojson?label=days", "/c.csv?label="}));
    AppState again;
    apply_scene(sc, again, {"/a.geojson", "/b.kml", "/c.csv"});
    EXPECT_EQ(again.user_hidden, (std::vector<std::string>{"/b.kml"}));
}

TEST(TourEdit, AViewTakenFromTheMapIsWrittenAndReadBackExactly) {
    // tour.csv writes numbers with "%g" (six significant digits) and reads them with from_chars.
    auto through_text = [](double x) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", x);
        return std::strtod(text, nullptr);
    };
    AppState state;
    Scene sc;
    size_t checked = 0;
    for (double lon = -179.9993; lon < 180; lon += 7.31237)
        for (double lat = -89.9991; lat < 90; lat += 5.1773)
            for (double height : {1.04, 3.0501, 87.35, 432.19, 4199.96, 39999.94}) {
                take_map_state(sc, state, View{lon, lat, height}, nullptr);
                ASSERT_EQ(through_text(sc.view.lon), sc.view.lon) << lon;
                ASSERT_EQ(through_text(sc.view.lat), sc.view.lat) << lat;
                ASSERT_EQ(through_text(sc.view.height_km), sc.view.height_km) << height;
                ++checked;
            }
    EXPECT_GT(checked, 5000u);
}

TEST(TourEdit, TheDefaultCaptionIsTheSelectionsFirstPassageElseThePreviousScenes) {
    Article article;
    for (const char* id : {"intro-1", "intro-2", "integration-22", "integration-23"}) {
        Passage p;
        p.id = id;
        p.text = std::string("text of ") + id;
        article.passages.push_back(p);
    }
    Facts facts;
    facts.links = {{"integration-23", "kant-airbase", "alias", {}}, {"integration-22", "kant-airbase", "alias", {}}};
    std::vector<Scene> scenes{scene("a"), scene("b")};
    scenes[1].passage = "intro-2";
    // Linked passages come in the article's order, not the table's.
    EXPECT_EQ(default_passage("kant-airbase", &facts, &article, scenes, 1), "integration-22");
    EXPECT_EQ(default_passage("KGZ", &facts, &article, scenes, 1), "intro-2");
    EXPECT_EQ(default_passage("", &facts, &article, scenes, 1), "intro-2");
    EXPECT_EQ(default_passage("", &facts, &article, scenes, std::nullopt), "intro-1");
    EXPECT_EQ(default_passage("", &facts, &article, scenes, 7), "intro-1");
    EXPECT_EQ(default_passage("kant-airbase", &facts, nullptr, scenes, 1), "");
}

TEST(TourEdit, TheChecksBeforeSavingNameTheSceneAndTheProblem) {
    World world;
    world.countries.push_back({"KGZ", "Kyrgyzstan", "", {}});
    Facts facts;
    Place kant;
    kant.id = "kant-airbase";
    facts.places.push_back(kant);
    Article article;
    Passage p;
    p.id = "p-1";
    article.passages.push_back(p);
    const std::vector<std::string> projections{"albers", "lcc"};

    Scene good = scene("good", "Kant");
    good.highlight = {"KGZ", "kant-airbase"};
    std::vector<Scene> scenes{good};
    EXPECT_TRUE(tour_problems(scenes, world, facts, article, projections).empty());

    auto only_problem = [&](const Scene& bad) {
        std::vector<Scene> list{good, bad};
        const auto found = tour_problems(list, world, facts, article, projections);
        EXPECT_EQ(found.size(), 1u) << bad.id;
        if (found.empty()) return std::string();
        EXPECT_EQ(found.front().scene, 1u);
        return found.front().message;
    };
    Scene s = scene("s");
    s.title.clear();
    EXPECT_EQ(only_problem(s), "missing title");
    s = scene("s");
    s.passage.clear();
    EXPECT_EQ(only_problem(s), "missing passage");
    s = scene("s");
    s.passage = "p-9";
    EXPECT_EQ(only_problem(s), "no passage 'p-9' in the article");
    s = scene("s");
    s.view.height_km = 43200;
    EXPECT_EQ(only_problem(s), "height_km 43200 is outside 1 to 40000");
    s = scene("s");
    s.view.lon = std::nan("");
    EXPECT_EQ(only_problem(s), "lon nan is outside -180 to 180");
    s = scene("s");
    s.view.lat = -91;
    EXPECT_EQ(only_problem(s), "lat -91 is outside -90 to 90");
    s = scene("s");
    s.projection = "mercator";
    EXPECT_EQ(only_problem(s), "unknown projection 'mercator'");
    s = scene("s");
    s.date = {1991, 12, 31};
    EXPECT_EQ(only_problem(s), "date 1991-12-31 is outside 1992-01-01 to 2026-12-31");
    s = scene("s");
    s.highlight = {"KGZ", "kant-base"};
    EXPECT_EQ(only_problem(s), "unknown entity 'kant-base'");
    s = scene("good");
    EXPECT_EQ(only_problem(s), "duplicate scene 'good' (first as scene 1)");
    s = scene("");
    EXPECT_EQ(only_problem(s), "missing id");
    // The id names image files: no path, no escape, no hidden or overlong name.
    const std::string rule = "' is not 1 to 64 letters, digits, '-' or '_' (it names the scene's image files)";
    for (const std::string bad : {"a/b", "../../escape", ".hidden", "-x", "k\u00e4nt", "a b"})
        EXPECT_EQ(only_problem(scene(bad)), "id '" + bad + rule);
    EXPECT_EQ(only_problem(scene(std::string(300, 'x'))), "id '" + std::string(40, 'x') + "..." + rule);
    EXPECT_EQ(only_problem(scene(std::string(1 << 20, 'y'))), "id '" + std::string(40, 'y') + "..." + rule);
    std::vector<Scene> longest{good, scene(std::string(64, 'z'))};
    EXPECT_TRUE(tour_problems(longest, world, facts, article, projections).empty()) << "64 characters is allowed";
    EXPECT_TRUE(is_scene_id("Scene_2-b"));
}

}  // namespace
}  // namespace atlas
