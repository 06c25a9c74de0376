// The Tour panel driven through real Dear ImGui frames with synthetic input (no window, no GL):
// choosing a scene asks the map to go there, Add makes a scene of the map's state after the chosen
// one, titles and captions are edited in place, Move and Delete keep the list consistent, Save
// writes what load_tour reads back exactly, and a failed save or a bad scene is shown, not written.
#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "geo/data_paths.hpp"
#include "geo/facts_load.hpp"
#include "geo/model.hpp"
#include "support/data_copy.hpp"
#include "support/imgui_context.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "ui/panel.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

constexpr double kDegreeRounding = 0.5e-3;  // deg: a scene keeps its view to 0.001 deg
constexpr double kHeightRoundingKm = 0.05;  // km: and its height to 0.1 km
// Where the test's key map puts ImGuiKey_A and ImGuiKey_Backspace (any free slots of KeysDown).
constexpr int kKeyA = 'A';
constexpr int kKeyBackspace = 8;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

class TourPanel : public ::testing::Test {
protected:
    static inline std::unique_ptr<MapModel> model_;
    static constexpr float kWidth = 1400, kHeight = 1400;
    UiState ui;
    AppState state;
    std::vector<Scene> scenes;
    std::string dir;  // a copy of the data folder, where Save writes

    static void SetUpTestSuite() { model_ = MapModel::load(test::data_dir(), "albers"); }
    static void TearDownTestSuite() { model_.reset(); }

    void SetUp() override {
        ImGuiIO& io = test::start_imgui(kWidth, kHeight);
        io.KeyMap[ImGuiKey_A] = kKeyA;
        io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
        ui.facts = model_->facts.get();
        ui.world = model_->world.get();
        ui.article = model_->article.get();
        for (const auto& p : projections()) ui.projections.push_back({p.id, p.label});
        ASSERT_TRUE(model_->problems.empty());
        scenes = model_->tour;
        ASSERT_EQ(scenes.size(), 10u);
        dir = test::copy_data(::testing::UnitTest::GetInstance()->current_test_info()->name());
        ui.tour.open = true;
        ui.tour.path = dir + "/" + kTourFile;
        ui.tour.save = save_tour;
        look_at({74.8, 42.9, 400});
    }
    void TearDown() override { ImGui::DestroyContext(); }

    // The map shows `view`: the camera, and the view the application hands the panel.
    void look_at(const View& view) {
        state.camera = camera_for_view(*model_->projection, view, 1920, 1080);
        ui.tour.view = view_for_camera(*model_->projection, state.camera);
    }
    bool may_close = false;  // what the unsaved-changes dialog last answered
    // The window's close button with unsaved scenes, as the application handles it; the dialog
    // sizes itself on its first frame (hidden), and is in place on the next.
    void ask_to_close() {
        ui.tour.closing = true;
        frame();
        frame();
    }
    void frame() {
        ImGui::NewFrame();
        draw_tour(state, scenes, ui, kWidth, kHeight);
        may_close = draw_unsaved_tour_prompt(scenes, ui);
        ImGui::Render();
    }
    // A click on a control the panel drew last frame: the pointer moves there, the button goes
    // down, then up.
    void click(const std::string& name) {
        frame();
        const auto it = ui.tour.spots.find(name);
        ASSERT_NE(it, ui.tour.spots.end()) << "the panel has no " << name;
        test::click_at(ImVec2((it->second.x0 + it->second.x1) / 2, (it->second.y0 + it->second.y1) / 2), [&] { frame(); });
    }
    // Types into the field that has the keyboard, replacing its text (Ctrl+A, Backspace first).
    void type(const std::string& text) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[kKeyA] = true;
        frame();
        io.KeysDown[kKeyA] = false;
        io.KeyCtrl = false;
        frame();
        io.KeysDown[kKeyBackspace] = true;
        frame();
        io.KeysDown[kKeyBackspace] = false;
        frame();
        io.AddInputCharactersUTF8(text.c_str());
        frame();
        frame();
    }
    // Chooses a passage in a passage combo ("passage" or "new-passage") by typing its id.
    void choose_passage(const std::string& combo, const std::string& id) {
        click(combo);
        frame();  // the list's filter takes the keyboard once the list is shown
        ImGui::GetIO().AddInputCharactersUTF8(id.c_str());
        frame();
        EXPECT_EQ(ui.tour.passage_filter, id);
        click("option:" + id);
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& s : scenes) out.push_back(s.id);
        return out;
    }
    // The passages linked to an entity, first in article order (counted here from the tables).
    std::string first_passage_of(const std::string& entity) const {
        for (const auto& p : model_->article->passages)
            for (const auto& l : model_->facts->links)
                if (l.entity == entity && l.passage == p.id) return p.id;
        return {};
    }
};

// The tour as a video: its section opens from its header with the file in the Export folder and
// the size, rate and hold; Write asks for it; while it is written the panel shows its progress and
// Cancel, and nothing to start another; then its outcome, an error in red.
TEST_F(TourPanel, TheVideoIsAskedForFollowedAndCancelledFromThePanel) {
    ui.export_folder = "/tmp/pictures";
    auto click_video = [&](const std::string& name) {
        frame();
        const auto it = ui.video.spots.find(name);
        ASSERT_NE(it, ui.video.spots.end()) << "the panel has no " << name;
        test::click_at(ImVec2((it->second.x0 + it->second.x1) / 2, (it->second.y0 + it->second.y1) / 2), [&] { frame(); });
    };
    frame();
    EXPECT_EQ(ui.video.spots.count("write"), 0u) << "the section is open before it is asked for";
    click_video("video");
    frame();
    ASSERT_TRUE(ui.video.open);
    EXPECT_EQ(ui.video.path, "/tmp/pictures/tour.mp4");
    EXPECT_EQ(UiState::kVideoSizes[size_t(ui.video.size)], (std::array<int, 2>{1920, 1080}));
    EXPECT_EQ(ui.video.fps, 30);
    click_video("write");
    EXPECT_TRUE(ui.video.request_start);
    ui.video.request_start = false;
    // As the application reports it: 120 frames of 480 written.
    ui.video.running = true;
    ui.video.frame = 120;
    ui.video.total = 480;
    frame();
    frame();
    EXPECT_EQ(ui.video.spots.count("write"), 0u) << "a second video can be started while one is written";
    click_video("cancel");
    EXPECT_TRUE(ui.video.request_cancel);
    ui.video.running = false;
    ui.video.failed = true;
    ui.video.message = "the video was cancelled; nothing was written";
    frame();
    frame();
    EXPECT_EQ(ui.video.spots.count("cancel"), 0u);
    EXPECT_EQ(ui.video.spots.count("write"), 1u);
}

TEST_F(TourPanel, ChoosingASceneSendsTheMapThere) {
    frame();
    for (size_t i : {5u, 0u, 9u}) {
        ui.request_scene.reset();
        click("scene:" + std::to_string(i));
        ASSERT_TRUE(ui.request_scene);
        EXPECT_EQ(*ui.request_scene, i);
        EXPECT_EQ(ui.tour.current, i);
    }
    EXPECT_FALSE(ui.tour.unsaved);
}

TEST_F(TourPanel, AddMakesASceneOfTheMapsStateAfterTheChosenOne) {
    click("scene:5");  // the Kant airbase
    state.projection = "albers";
    state.layers.graticule = true;
    state.layers.places = true;
    state.layers.provinces = false;
    state.date = {2005, 7, 5};
    state.selected = "kant-airbase";
    look_at({74.5, 42.7, 650});
    click("new-title");
    type("Kant from the air");
    click("add");
    ASSERT_EQ(scenes.size(), 11u);
    const Scene& sc = scenes[6];
    EXPECT_EQ(ui.tour.current, 6u);
    EXPECT_EQ(sc.title, "Kant from the air");
    EXPECT_EQ(sc.id, "kant-from-the-air");
    EXPECT_NEAR(sc.view.lon, 74.5, kDegreeRounding);
    EXPECT_NEAR(sc.view.lat, 42.7, kDegreeRounding);
    EXPECT_NEAR(sc.view.height_km, 650, kHeightRoundingKm);
    EXPECT_EQ(sc.projection, "albers");
    EXPECT_TRUE(sc.layers == state.layers);
    EXPECT_EQ(sc.date, (Date{2005, 7, 5}));
    EXPECT_EQ(sc.highlight, std::vector<std::string>{"kant-airbase"});
    // The caption defaults to the selection's first passage.
    const std::string kant_passage = first_passage_of("kant-airbase");
    ASSERT_FALSE(kant_passage.empty());
    EXPECT_EQ(sc.passage, kant_passage);
    EXPECT_TRUE(ui.tour.unsaved);
    EXPECT_EQ(ids()[5], "kant");
    EXPECT_EQ(ids()[7], "shanghai-five");
    // With nothing selected the caption is the previous scene's, unless one is chosen.
    state.selected.clear();
    click("new-title");
    type("Kant again");
    click("add");
    ASSERT_EQ(scenes.size(), 12u);
    EXPECT_EQ(scenes[7].passage, kant_passage);
    EXPECT_TRUE(scenes[7].highlight.empty());
    click("new-title");
    type("Kant");  // taken: the id is made unique
    choose_passage("new-passage", "integration-44");
    click("add");
    ASSERT_EQ(scenes.size(), 13u);
    EXPECT_EQ(scenes[8].id, "kant-2");
    EXPECT_EQ(scenes[8].passage, "integration-44");
    // Without a title nothing is added, and the panel says why.
    click("add");
    EXPECT_EQ(scenes.size(), 13u);
    EXPECT_EQ(ui.tour.message, "Type a title for the new scene first");
}

TEST_F(TourPanel, UpdateTitleAndPassageChangeOnlyTheChosenScene) {
    const auto before = scenes;
    click("scene:2");
    state.projection = "albers";
    state.date = {2010, 1, 1};
    state.selected = "TJK";
    state.selected_members = {};
    state.layers.graticule = true;
    look_at({70, 38, 900});
    click("update");
    const Scene& sc = scenes[2];
    EXPECT_EQ(sc.id, before[2].id);
    EXPECT_EQ(sc.title, before[2].title);
    EXPECT_EQ(sc.passage, before[2].passage);
    EXPECT_NEAR(sc.view.lon, 70, kDegreeRounding);
    EXPECT_NEAR(sc.view.lat, 38, kDegreeRounding);
    EXPECT_NEAR(sc.view.height_km, 900, kHeightRoundingKm);
    EXPECT_EQ(sc.date, (Date{2010, 1, 1}));
    EXPECT_TRUE(sc.layers == state.layers);
    EXPECT_EQ(sc.highlight, std::vector<std::string>{"TJK"});
    click("title");
    type("Tajikistan's border with Afghanistan");
    EXPECT_EQ(scenes[2].title, "Tajikistan's border with Afghanistan");
    choose_passage("passage", "afghanistan-19");
    EXPECT_EQ(scenes[2].passage, "afghanistan-19");
    for (size_t i = 0; i < scenes.size(); ++i)
        if (i != 2) {
            EXPECT_EQ(scenes[i].title + scenes[i].passage, before[i].title + before[i].passage);
        }
    EXPECT_TRUE(ui.tour.unsaved);
}

TEST_F(TourPanel, MoveAndDeleteKeepTheListConsistent) {
    click("scene:0");
    click("up");  // the first cannot go up
    EXPECT_EQ(ids()[0], "region");
    EXPECT_FALSE(ui.tour.unsaved);
    click("down");
    click("down");
    EXPECT_EQ(ui.tour.current, 2u);
    EXPECT_EQ(ids()[0], "threats");
    EXPECT_EQ(ids()[1], "northern-border");
    EXPECT_EQ(ids()[2], "region");
    EXPECT_TRUE(ui.tour.unsaved);
    click("scene:9");
    click("down");  // the last cannot go down
    EXPECT_EQ(ids()[9], "after");
    click("up");
    EXPECT_EQ(ids()[8], "after");
    EXPECT_EQ(ui.tour.current, 8u);
    click("delete");
    EXPECT_EQ(scenes.size(), 9u);
    EXPECT_EQ(ids()[8], "cooperation");
    EXPECT_EQ(ui.tour.current, 8u);  // the next scene, or the last
    click("delete");
    EXPECT_EQ(ui.tour.current, 7u);
    EXPECT_EQ(ids(), (std::vector<std::string>{"threats", "northern-border", "region", "badakhshan", "csto", "kant",
                                               "shanghai-five", "sco-exercises"}));
    // The list shows them in their new order.
    frame();
    for (size_t i = 0; i < scenes.size(); ++i) EXPECT_TRUE(ui.tour.spots.count("scene:" + std::to_string(i)));
    EXPECT_FALSE(ui.tour.spots.count("scene:8"));
    // Delete them all: nothing is chosen, nothing breaks.
    while (!scenes.empty()) click("delete");
    EXPECT_FALSE(ui.tour.current);
    frame();
    EXPECT_FALSE(ui.tour.spots.count("delete"));
}

TEST_F(TourPanel, SaveWritesWhatTheLoaderReadsBack) {
    const std::string path = ui.tour.path;
    const std::string original = slurp(path);
    click("scene:3");
    click("up");
    state.selected = "csto";
    state.date = {2003, 4, 28};
    look_at({68, 45, 4000});
    click("new-title");
    type("The CSTO, \"in force\"");  // a comma and quotes: the file quotes the field
    click("add");
    click("scene:7");
    click("delete");
    click("save");
    EXPECT_FALSE(ui.tour.failed) << ui.tour.message;
    EXPECT_EQ(ui.tour.message, "Saved 10 scenes to " + path);
    EXPECT_FALSE(ui.tour.unsaved);
    EXPECT_EQ(slurp(path + ".bak"), original);
    // An edit after the save: the panel says "unsaved changes", and no longer "Saved".
    click("scene:1");
    click("down");
    click("up");
    EXPECT_TRUE(ui.tour.unsaved);
    EXPECT_EQ(ui.tour.message, "") << "\"Saved\" beside the unsaved changes";
    std::vector<DataProblem> problems;
    const auto back = load_tour(dir, problems);
    EXPECT_TRUE(problems.empty());
    ASSERT_EQ(back.size(), scenes.size());
    for (size_t i = 0; i < back.size(); ++i) {
        const Scene &a = back[i], &b = scenes[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.title, b.title);
        EXPECT_EQ(a.view.lon, b.view.lon) << a.id;
        EXPECT_EQ(a.view.lat, b.view.lat) << a.id;
        EXPECT_EQ(a.view.height_km, b.view.height_km) << a.id;
        EXPECT_EQ(a.projection, b.projection);
        EXPECT_EQ(a.date, b.date);
        EXPECT_TRUE(a.layers == b.layers) << a.id;
        EXPECT_EQ(a.highlight, b.highlight);
        EXPECT_EQ(a.passage, b.passage);
    }
    EXPECT_EQ(back[2].id, "badakhshan");
    EXPECT_EQ(back[3].id, "the-csto-in-force");
    EXPECT_EQ(back[3].title, "The CSTO, \"in force\"");
    EXPECT_EQ(back[3].highlight, std::vector<std::string>{"csto"});
    // The whole folder still checks clean with the edited tour.
    EXPECT_TRUE(load_data_set(dir).problems.empty());
}

TEST_F(TourPanel, TheUsersToursSaveLeavesTheShippedOneAClickAway) {
    // As installed: Save writes into the user's folder (made on the way), the shipped tour stays.
    const std::string user = test::fresh_dir("tour-panel-user-home") + "/ca-atlas/" + kTourFile;
    const std::string shipped = dir + "/" + kTourFile;
    const std::string original = slurp(shipped);
    ui.tour.path = user;
    ui.tour.shipped = shipped;
    ui.tour.save = save_user_tour;
    frame();
    EXPECT_EQ(ui.tour.spots.count("shipped"), 0u) << "nothing to go back from yet";
    click("scene:1");
    click("delete");
    click("save");
    EXPECT_FALSE(ui.tour.failed) << ui.tour.message;
    EXPECT_EQ(ui.tour.message, "Saved 9 scenes to " + user);
    EXPECT_TRUE(ui.tour.using_own);
    EXPECT_EQ(slurp(shipped), original);
    std::vector<DataProblem> problems;
    EXPECT_EQ(load_tour_file(user, problems).size(), 9u);
    // The way back asks the application for the shipped tour (it reloads it, see window_app.cpp).
    click("shipped");
    EXPECT_TRUE(ui.tour.request_shipped);
    // With --data (no shipped tour apart from the one saved): no such button.
    ui.tour.shipped.clear();
    frame();
    EXPECT_EQ(ui.tour.spots.count("shipped"), 0u);
}

TEST_F(TourPanel, ClosingWithUnsavedScenesAsksToSaveDiscardOrCancel) {
    const std::string path = ui.tour.path;
    const std::string original = slurp(path);
    // Nothing changed: no dialog, nothing to answer.
    frame();
    EXPECT_FALSE(may_close);
    EXPECT_EQ(ui.tour.spots.count("quit-save"), 0u);
    click("scene:4");
    click("delete");
    ASSERT_TRUE(ui.tour.unsaved);
    // Cancel: back to editing, the file as it was.
    ask_to_close();
    click("quit-cancel");
    EXPECT_FALSE(ui.tour.closing);
    EXPECT_FALSE(may_close);
    EXPECT_EQ(slurp(path), original);
    // Quit without saving: may close, the file as it was.
    ask_to_close();
    click("quit-discard");
    EXPECT_TRUE(may_close);
    EXPECT_EQ(slurp(path), original);
    // Save and quit: written as Save writes, then may close.
    ask_to_close();
    click("quit-save");
    EXPECT_TRUE(may_close) << ui.tour.message;
    EXPECT_FALSE(ui.tour.unsaved);
    EXPECT_EQ(slurp(path + ".bak"), original);
    std::vector<DataProblem> problems;
    EXPECT_EQ(load_tour(dir, problems).size(), 9u);
}

TEST_F(TourPanel, ASaveThatFailsOnClosingKeepsTheDialogOpen) {
    const std::string path = ui.tour.path;
    const std::string original = slurp(path);
    click("scene:1");
    click("delete");
    ui.tour.save = [](const std::string& p, const std::vector<Scene>&) {
        throw OutputError("cannot write '" + p + "': No space left on device");
    };
    ask_to_close();
    click("quit-save");
    EXPECT_FALSE(may_close);
    EXPECT_TRUE(ui.tour.closing);
    EXPECT_TRUE(ui.tour.unsaved);
    EXPECT_NE(ui.tour.message.find("No space left on device"), std::string::npos) << ui.tour.message;
    EXPECT_EQ(ui.tour.spots.count("quit-save"), 1u) << "the dialog closed";
    EXPECT_EQ(slurp(path), original);
}

TEST_F(TourPanel, AFailedSaveIsShownAndLeavesTheFileAsItWas) {
    const std::string path = ui.tour.path;
    const std::string original = slurp(path);
    click("scene:1");
    click("delete");
    // A folder that does not exist, then a "folder" that is the tour file itself.
    for (const std::string& bad : {dir + "/no-such-folder/" + kTourFile, path + "/" + kTourFile}) {
        ui.tour.path = bad;
        click("save");
        EXPECT_TRUE(ui.tour.failed);
        EXPECT_EQ(ui.tour.message.rfind("cannot write '" + bad + "'", 0), 0u) << ui.tour.message;
        EXPECT_TRUE(ui.tour.unsaved);
        EXPECT_EQ(slurp(path), original);
        EXPECT_FALSE(fs::exists(path + ".bak"));
    }
    // Nothing half-written is left in the folder.
    for (const auto& e : fs::directory_iterator(dir))
        EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
    // The panel keeps working: the edits are all there, and a good path saves them.
    EXPECT_EQ(scenes.size(), 9u);
    ui.tour.path = path;
    click("save");
    EXPECT_FALSE(ui.tour.failed) << ui.tour.message;
    std::vector<DataProblem> problems;
    EXPECT_EQ(load_tour(dir, problems).size(), 9u);
}

TEST_F(TourPanel, SavingIntoAReadOnlyFolderIsRefused) {
    // A folder that refuses the file: for an ordinary user the data folder without write
    // permission; for root, whom permissions do not stop (CI runs as root), /proc, which takes no
    // new files from anyone.
    const bool root = ::geteuid() == 0;
    const std::string data_path = ui.tour.path;
    const std::string path = root ? "/proc/tour.csv" : data_path;
    const std::string original = slurp(data_path);
    click("scene:1");
    click("delete");
    if (!root)
        fs::permissions(dir, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                        fs::perm_options::remove);
    ui.tour.path = path;
    click("save");
    if (!root) fs::permissions(dir, fs::perms::owner_write, fs::perm_options::add);
    EXPECT_TRUE(ui.tour.failed);
    EXPECT_EQ(ui.tour.message.rfind("cannot write '" + path + "'", 0), 0u) << ui.tour.message;
    EXPECT_EQ(slurp(data_path), original);
    EXPECT_FALSE(fs::exists(path + ".bak"));
}

TEST_F(TourPanel, ASceneThatWouldNotLoadIsShownAndNothingIsSaved) {
    const std::string path = ui.tour.path;
    const std::string original = slurp(path);
    click("scene:4");
    click("title");
    type("");
    EXPECT_EQ(scenes[4].title, "");
    // Zoomed out beyond what a scene may show.
    state.camera.metres_per_px = Camera::kMaxMetresPerPx;
    ui.tour.view = view_for_camera(*model_->projection, state.camera);
    ASSERT_GT(ui.tour.view.height_km, kSceneMaxHeightKm);
    click("scene:6");
    click("update");
    click("save");
    EXPECT_TRUE(ui.tour.failed);
    EXPECT_EQ(ui.tour.message, "Not saved: 2 problems");
    ASSERT_EQ(ui.tour.problems.size(), 2u);
    EXPECT_EQ(ui.tour.problems[0], "scene 5 (csto): missing title");
    EXPECT_EQ(ui.tour.problems[1].rfind("scene 7 (shanghai-five): height_km ", 0), 0u) << ui.tour.problems[1];
    EXPECT_EQ(ui.tour.current, 4u);  // the first scene with a problem is chosen
    EXPECT_TRUE(ui.tour.unsaved);
    EXPECT_EQ(slurp(path), original);
    EXPECT_FALSE(fs::exists(path + ".bak"));
}

}  // namespace
}  // namespace atlas
