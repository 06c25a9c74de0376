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

}  // namespace
}  // namespace atlas
