// The control panel. Everything here is reachable with the keyboard (ImGui's Tab navigation).
#include "panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

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
// A legend swatch: the fill with its pattern, drawn like the map draws it.
void swatch(ImDrawList* dl, ImVec2 a, ImVec2 b, Rgba fill, Hatch hatch, Rgba ink) {
    auto col = [](Rgba c) { return IM_COL32(c.r, c.g, c.b, 255); };
    dl->AddRectFilled(a, b, col(fill));
    dl->PushClipRect(a, b, true);
    const float per = 8.0f, h = b.y - a.y;
    const float thick = hatch == Hatch::Dense ? per * 0.3f : 1.0f;
    if (hatch == Hatch::Dense || hatch == Hatch::Sparse || hatch == Hatch::Cross)
        for (float x = a.x - h; x < b.x + h; x += per) {
            dl->AddLine(ImVec2(x, b.y), ImVec2(x + h, a.y), col(ink), thick);
            if (hatch == Hatch::Cross) dl->AddLine(ImVec2(x, a.y), ImVec2(x + h, b.y), col(ink), thick);
        }
    if (hatch == Hatch::Dots)
        for (float y = a.y + per / 2; y < b.y; y += per)
            for (float x = a.x + per / 2; x < b.x; x += per) dl->AddCircleFilled(ImVec2(x, y), 1.6f, col(ink));
    dl->PopClipRect();
    dl->AddRect(a, b, IM_COL32(80, 72, 64, 255));
}

std::string date_text(const Date& d) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(d.day) + " " + months[(d.month - 1) % 12] + " " + std::to_string(d.year);
}

}  // namespace

void draw_timeline(const AppState& state, UiState& ui, float window_width, float window_height) {
    const float height = 92.0f;
    ImGui::SetNextWindowPos(ImVec2(10, window_height - height - 10), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(window_width - 20, height), ImGuiCond_Always);
    ImGui::Begin("Timeline", nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoScrollbar);
    const long first = days_from_civil(kTimelineStart), last = days_from_civil(kTimelineEnd);
    const Date day = state.date;
    if (ImGui::Button("< Event")) {
        if (const auto* e = previous_event(ui.events, day)) ui.request_date = e->date;
    }
    ImGui::SameLine();
    if (ImGui::Button("Event >")) {
        if (const auto* e = next_event(ui.events, day)) ui.request_date = e->date;
    }
    ImGui::SameLine();
    if (ImGui::Button("Article's date")) ui.request_date = kArticleDate;
    ImGui::SameLine();
    ImGui::Text("%s%s", date_text(day).c_str(),
                day >= kArticlePresentEnd ? "   (after the article)"
                                          : (day == kArticleDate ? "   (the article's present)" : ""));

    // The slider: one step per day.
    int value = int(days_from_civil(day) - first);
    ImGui::SetNextItemWidth(-1);
    const std::string label = std::to_string(day.year);
    if (ImGui::SliderInt("##day", &value, 0, int(last - first), label.c_str()))
        ui.request_date = civil_from_days(first + value);
    const ImVec2 smin = ImGui::GetItemRectMin(), smax = ImGui::GetItemRectMax();

    // Ticks under the slider: events (hover for what happened, click to go), years, the article.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float grab = ImGui::GetStyle().GrabMinSize;
    const float x0 = smin.x + grab / 2, x1 = smax.x - grab / 2;
    auto x_of = [&](const Date& d) { return x0 + (x1 - x0) * float(days_from_civil(d) - first) / float(last - first); };
    const float ty = smax.y + 2;
    for (int y = kTimelineStart.year; y <= kTimelineEnd.year; ++y) {
        const float x = x_of(Date{y, 1, 1});
        dl->AddLine(ImVec2(x, ty), ImVec2(x, ty + 4), IM_COL32(120, 120, 120, 255));
        if (y % 5 == 0) dl->AddText(ImVec2(x + 2, ty + 2), IM_COL32(90, 90, 90, 255), std::to_string(y).c_str());
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const TimelineEvent* hovered = nullptr;
    for (const auto& e : ui.events) {
        const float x = x_of(e.date);
        const bool near =
            ImGui::IsWindowHovered() && std::abs(mouse.x - x) < 3.0f && mouse.y > ty - 2 && mouse.y < ty + 12;
        if (near) hovered = &e;
        dl->AddLine(ImVec2(x, ty), ImVec2(x, ty + 10), near ? IM_COL32(200, 60, 0, 255) : IM_COL32(40, 90, 160, 255),
                    near ? 3.0f : 1.0f);
    }
    const float xa = x_of(kArticleDate);
    dl->AddTriangleFilled(ImVec2(xa - 5, ty + 14), ImVec2(xa + 5, ty + 14), ImVec2(xa, ty + 6),
                          IM_COL32(200, 30, 30, 255));
    dl->AddText(ImVec2(xa + 7, ty + 4), IM_COL32(200, 30, 30, 255), "article");
    if (hovered) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(date_text(hovered->date).c_str());
        for (const auto& l : hovered->lines) ImGui::BulletText("%s", l.c_str());
        ImGui::EndTooltip();
        if (ImGui::IsMouseClicked(0)) ui.request_date = hovered->date;
    }
    ImGui::End();
}

void draw_legend(const AppState& state, const UiState& ui, float window_width) {
    if (!state.layers.memberships || ui.legend.empty()) return;
    ImGui::SetNextWindowPos(ImVec2(window_width - 10, 10), ImGuiCond_FirstUseEver, ImVec2(1, 0));
    ImGui::Begin("Legend", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::Text("On %s", date_text(state.date).c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const auto& e : ui.legend) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight() + 4;
        swatch(dl, p, ImVec2(p.x + 2 * h, p.y + h), e.fill, e.hatch, ui.overlay_style.hatch);
        ImGui::Dummy(ImVec2(2 * h, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(e.label.c_str());
    }
    ImGui::End();
}

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
    ImGui::Checkbox("Memberships (CSTO fill, SCO pattern)", &layers.memberships);

    ImGui::Separator();
    if (ui.cursor_lonlat) {
        const Vec2 c = *ui.cursor_lonlat;
        ImGui::Text("Cursor  %.4f %s  %.4f %s", std::abs(c.y), c.y >= 0 ? "N" : "S", std::abs(c.x),
                    c.x >= 0 ? "E" : "W");
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
