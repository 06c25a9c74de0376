// The interface's hit test for the window's pointer (real Dear ImGui frames, no window, no GL): a
// point on a panel is the panel's, the map around it is the map's, whatever the pointer did before.
#include "ui/panel.hpp"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "support/imgui_context.hpp"

namespace atlas {
namespace {

// One frame with the Legend at (1300, 10), 280 x 200, and a passive overlay that takes no input.
void frame_with_a_legend(bool legend) {
    ImGui::NewFrame();
    if (legend) {
        ImGui::SetNextWindowPos(ImVec2(1300, 10));
        ImGui::SetNextWindowSize(ImVec2(280, 200));
        ImGui::Begin("Legend");
        ImGui::TextUnformatted("CSTO member");
        ImGui::End();
    }
    ImGui::SetNextWindowPos(ImVec2(400, 400));
    ImGui::SetNextWindowSize(ImVec2(100, 100));
    ImGui::Begin("overlay", nullptr, ImGuiWindowFlags_NoInputs);
    ImGui::End();
    ImGui::Render();
}

TEST(InterfaceCovers, APointOnAPanelIsThePanelsAndTheMapAroundItIsNot) {
    EXPECT_FALSE(interface_covers(10, 10)) << "no interface at all";
    test::start_imgui(1600, 900);
    frame_with_a_legend(true);
    frame_with_a_legend(true);
    // The pointer never moved there (ImGui's own WantCaptureMouse says no): the panel is still hit.
    EXPECT_FALSE(ImGui::GetIO().WantCaptureMouse);
    EXPECT_TRUE(interface_covers(1400, 100));
    EXPECT_TRUE(interface_covers(1301, 11));
    EXPECT_TRUE(interface_covers(1579, 209));
    EXPECT_FALSE(interface_covers(1290, 100)) << "left of the legend is the map";
    EXPECT_FALSE(interface_covers(1400, 220)) << "below it too";
    EXPECT_FALSE(interface_covers(450, 450)) << "an overlay that takes no input leaves the map its clicks";
    // Once a frame is drawn without it, its place is the map's again.
    frame_with_a_legend(false);
    EXPECT_FALSE(interface_covers(1400, 100));
    ImGui::DestroyContext();
}

// One frame of the panels that appear by themselves: the inspector with `selected`, the legend.
// `release`: the keyboard is given to the map, as the window does on its second frame.
void frame_with(const AppState& state, UiState& ui, bool release = false) {
    ImGui::NewFrame();
    draw_inspector(state, ui, 900);
    draw_legend(state, ui, 1600);
    if (release) ImGui::SetWindowFocus(nullptr);
    ImGui::Render();
}

TEST(PanelsThatAppear, DoNotTakeTheKeyboardFromTheMap) {
    ImGuiIO& io = test::start_imgui(1600, 900);
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the window has it (with a key map)
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
    const Facts facts;
    const World world;
    UiState ui;
    ui.facts = &facts;
    ui.world = &world;
    AppState state;
    frame_with(state, ui);
    frame_with(state, ui, true);
    frame_with(state, ui);
    EXPECT_FALSE(io.WantCaptureKeyboard);
    // A click on the map selects a country (the inspector appears); the day's classes appear.
    state.selected = "KAZ";
    ui.legend.push_back(LegendEntry{});
    for (int i = 0; i < 3; ++i) frame_with(state, ui);
    EXPECT_TRUE(interface_covers(400, 50)) << "the inspector is there";
    EXPECT_FALSE(io.WantCaptureKeyboard) << "and the keyboard is still the map's";
    ImGui::DestroyContext();
}

// One frame of the window's real panels at 1280x720: the control panel, the timeline, the legend,
// the inspector and (if `article`) the article, where they open by default.
void frame_of_panels(AppState& state, UiState& ui, bool article) {
    ImGui::NewFrame();
    draw_panel(state, state.layers, ui, 720);
    draw_timeline(state, ui, 1280, 720);
    draw_legend(state, ui, 1280);
    draw_inspector(state, ui, 720);
    if (article) {  // a stand-in of the article's window, where and as large as it opens
        ImGui::SetNextWindowPos(ImVec2(1270, 210), ImGuiCond_FirstUseEver, ImVec2(1, 0));
        ImGui::SetNextWindowSize(ImVec2(480, 390), ImGuiCond_FirstUseEver);
        ImGui::Begin("Article");
        ImGui::End();
    }
    keep_windows_inside(1280, 720);
    ui.map_area = free_map_area(1280, 720);
    ImGui::Render();
}

// The map's part of a 1280x720 window lies between the control panel and the article, above the
// timeline; the legend and the inspector float over it; a panel moved away gives its side back.
TEST(MapArea, LiesBesideTheTallPanelsAndAboveTheTimeline) {
    test::start_imgui(1280, 720);
    const Facts facts;
    const World world;
    UiState ui;
    ui.facts = &facts;
    ui.world = &world;
    ui.legend.push_back(LegendEntry{});
    AppState state;
    state.selected = "KAZ";
    for (int i = 0; i < 3; ++i) frame_of_panels(state, ui, true);
    const ImGuiWindow* panel = ImGui::FindWindowByName("Central Asia Security Atlas");
    const ImGuiWindow* timeline = ImGui::FindWindowByName("###Timeline");
    ASSERT_TRUE(panel && timeline);
    EXPECT_FLOAT_EQ(ui.map_area.x0, panel->Pos.x + panel->Size.x);
    EXPECT_FLOAT_EQ(ui.map_area.x1, 1270 - 480);
    EXPECT_FLOAT_EQ(ui.map_area.y1, timeline->Pos.y);
    EXPECT_FLOAT_EQ(ui.map_area.y0, 0);
    // Without the article the map reaches the right edge (the legend and inspector float).
    for (int i = 0; i < 2; ++i) frame_of_panels(state, ui, false);
    EXPECT_FLOAT_EQ(ui.map_area.x1, 1280);
    // The control panel moved to the right side: the map's part begins at the left edge.
    ImGui::SetWindowPos("Central Asia Security Atlas", ImVec2(1280 - panel->Size.x, 0));
    for (int i = 0; i < 2; ++i) frame_of_panels(state, ui, false);
    EXPECT_FLOAT_EQ(ui.map_area.x0, 0);
    EXPECT_FLOAT_EQ(ui.map_area.x1, 1280 - panel->Size.x);
    // The timeline folded (its title bar's arrow): it sits on the bottom edge, and the map and
    // the control panel have the room it gave up.
    const float unfolded = ui.map_area.y1;
    ImGui::SetWindowCollapsed("###Timeline", true);
    for (int i = 0; i < 3; ++i) frame_of_panels(state, ui, false);
    EXPECT_TRUE(timeline->Collapsed);
    EXPECT_FLOAT_EQ(timeline->Pos.y + ImGui::GetFrameHeight(), 710) << "the folded timeline is not on the bottom edge";
    EXPECT_GT(ui.map_area.y1, unfolded + 50);
    EXPECT_FLOAT_EQ(ui.map_area.y1, timeline->Pos.y);
    ImGui::DestroyContext();
}

// A panel placed against the window's right edge (the legend, the article) stays against it when
// the window grows, as when it is maximised after its first frame; a panel in the middle stays
// where it is; and when the window shrinks again the panel comes back inside.
TEST(KeepInside, APanelAgainstTheRightEdgeMovesWithTheWindow) {
    ImGuiIO& io = test::start_imgui(1280, 720);
    UiState::Area last;
    const auto frame = [&](float w, float h) {
        io.DisplaySize = ImVec2(w, h);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(1270, 10), ImGuiCond_FirstUseEver, ImVec2(1, 0));
        ImGui::SetNextWindowSize(ImVec2(280, 200), ImGuiCond_FirstUseEver);
        ImGui::Begin("Legend");
        ImGui::End();
        ImGui::SetNextWindowPos(ImVec2(400, 300), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(200, 100), ImGuiCond_FirstUseEver);
        ImGui::Begin("Inspector");
        ImGui::End();
        keep_windows_inside(w, h, &last);
        ImGui::Render();
    };
    frame(1280, 720);
    frame(1280, 720);
    const ImGuiWindow* legend = ImGui::FindWindowByName("Legend");
    const ImGuiWindow* inspector = ImGui::FindWindowByName("Inspector");
    ASSERT_TRUE(legend && inspector);
    EXPECT_FLOAT_EQ(legend->Pos.x + legend->Size.x, 1270);
    frame(1920, 1080);
    frame(1920, 1080);
    EXPECT_FLOAT_EQ(legend->Pos.x + legend->Size.x, 1910) << "the legend was left in the middle";
    EXPECT_FLOAT_EQ(legend->Pos.y, 10);
    EXPECT_FLOAT_EQ(inspector->Pos.x, 400) << "a panel in the middle moved";
    frame(1280, 720);
    frame(1280, 720);
    EXPECT_LE(legend->Pos.x + legend->Size.x, 1280);  // inside, against the edge again
    EXPECT_GE(legend->Pos.x + legend->Size.x, 1264);
    ImGui::DestroyContext();
}

}  // namespace
}  // namespace atlas
