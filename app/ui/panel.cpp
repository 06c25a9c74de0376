// The control panel. Everything here is reachable with the keyboard (ImGui's Tab navigation).
#include "panel.hpp"

#include <algorithm>

#include <imgui.h>

#include <cstdio>

namespace atlas {

namespace {
bool input_text(const char* label, std::string& s) {
    char buf[1024];
    std::snprintf(buf, sizeof buf, "%s", s.c_str());
    if (ImGui::InputText(label, buf, sizeof buf)) {
        s = buf;
        return true;
    }
    return false;
}
}  // namespace

void draw_panel(const AppState& state, Layers& layers, UiState& ui) {
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(330, 0), ImGuiCond_FirstUseEver);
    ImGui::Begin("Central Asia Security Atlas");

    const char* current = state.projection.c_str();
    for (const auto& p : ui.projections)
        if (p.id == state.projection) current = p.label.c_str();
    if (ImGui::BeginCombo("Projection", current)) {
        for (const auto& p : ui.projections) {
            const bool selected = p.id == state.projection;
            if (ImGui::Selectable(p.label.c_str(), selected) && !selected) ui.request_projection = p.id;
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    if (ui.busy) ImGui::TextDisabled("Projecting...");

    ImGui::Separator();
    ImGui::TextUnformatted("Layers");
    ImGui::Checkbox("Countries", &layers.countries);
    ImGui::Checkbox("Provinces", &layers.provinces);
    ImGui::Checkbox("Labels", &layers.labels);

    ImGui::Separator();
    if (ui.cursor_lonlat) {
        const Vec2 c = *ui.cursor_lonlat;
        ImGui::Text("Cursor  %.4f %s  %.4f %s", std::abs(c.y), c.y >= 0 ? "N" : "S", std::abs(c.x), c.x >= 0 ? "E" : "W");
    } else {
        ImGui::TextDisabled("Cursor  off the map");
    }
    if (!ui.cursor_country.empty()) {
        ImGui::TextWrapped("%s", ui.cursor_country.c_str());
        if (!ui.cursor_note.empty()) ImGui::TextWrapped("%s", ui.cursor_note.c_str());
    }
    if (ImGui::Button("Reset view (Home)")) ui.request_reset_view = true;

    ImGui::Separator();
    ImGui::TextUnformatted("Export PNG of this view");
    ImGui::InputInt("Width", &ui.export_width, 0);
    ImGui::InputInt("Height", &ui.export_height, 0);
    input_text("File", ui.export_path);
    if (ImGui::Button("Export")) ui.request_export = true;
    if (!ui.status.empty()) ImGui::TextWrapped("%s", ui.status.c_str());

    if (!ui.data_problems.empty()) {
        ImGui::Separator();
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        ImGui::TextWrapped("The data in %s has %zu problem%s; the map shows what could be read:",
                           ui.data_folder.c_str(), ui.data_problems.size(), ui.data_problems.size() == 1 ? "" : "s");
        ImGui::PopStyleColor();
        ImGui::BeginChild("data-problems", ImVec2(0, 12 * ImGui::GetTextLineHeightWithSpacing()), true);
        for (const auto& p : ui.data_problems) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", p.c_str());
        }
        ImGui::EndChild();
    }

    if (!ui.errors.empty()) {
        ImGui::Separator();
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        for (const auto& e : ui.errors) ImGui::TextWrapped("%s", e.c_str());
        ImGui::PopStyleColor();
        if (ImGui::Button("Dismiss")) ui.errors.clear();
    }
    ImGui::End();
}

}  // namespace atlas
