// A Dear ImGui context for the UI tests: no window and no GL (ImGui lays out and hit-tests
// without drawing). Header-only; for test executables that link atlas_ui.
#pragma once

#include <imgui.h>

namespace atlas::test {

// Makes a new current ImGui context for a display of width x height at 60 frames a second, with
// no layout file and its default font built, and returns its IO. The caller destroys it
// (ImGui::DestroyContext).
inline ImGuiIO& start_imgui(float width, float height) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // builds the default font
    return io;
}

// A click of the left button at `at` (display points), as a person makes it: the pointer moves
// there, the button goes down, then up, each with a frame drawn by `frame`.
template <class DrawFrame>
void click_at(ImVec2 at, DrawFrame&& frame) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
}

}  // namespace atlas::test
