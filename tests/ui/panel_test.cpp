// The interface's hit test for the window's pointer (real Dear ImGui frames, no window, no GL): a
// point on a panel is the panel's, the map around it is the map's, whatever the pointer did before.
#include "ui/panel.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

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

}  // namespace
}  // namespace atlas
