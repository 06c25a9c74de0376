// The Export window (Ctrl+E, or "Export..." at the top of the panel): where the figure goes, shown
// in full, the button that writes it at the top, then the figure's size and decorations.
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cstdio>
#include <filesystem>
#include <string>
#include <stdexcept>

#include "core/decorations.hpp"
#include "panel.hpp"

namespace atlas {

namespace fs = std::filesystem;

namespace {

void spot(UiState& ui, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ui.export_spots[name] = {a.x, a.y, b.x, b.y};
}

// Sizes people ask for: a slide, a 4K screen, and sheets of paper at print resolution.
struct Preset {
    const char* name;
    int width, height, dpi;
};
constexpr Preset kScreens[] = {{"Slide 1920x1080", 1920, 1080, 0}, {"4K 3840x2160", 3840, 2160, 0}};
constexpr Preset kSheets[] = {{"A4 landscape, 300 dpi", 3508, 2480, 300},
                              {"A4 portrait, 300 dpi", 2480, 3508, 300},
                              {"A3 landscape, 300 dpi", 4961, 3508, 300},
                              {"Letter landscape, 300 dpi", 3300, 2550, 300}};

struct Format {
    const char* label;
    const char* ending;
};
constexpr Format kFormats[] = {{"PNG image", ".png"},
                               {"GeoTIFF for a GIS", ".tif"},
                               {"SVG (layers and text, for Inkscape)", ".svg"},
                               {"PDF (vector, for print)", ".pdf"}};

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The subfolders of the folder looked at, through the function the application hands in (the
// panels read no files themselves).
void list_folder(UiState::FolderChooser& c) {
    c.entries.clear();
    c.error.clear();
    c.listed = c.folder;
    if (!c.subfolders) return;
    try {
        c.entries = c.subfolders(c.folder);
    } catch (const std::exception& e) {
        c.error = e.what();
    }
}

// The folder chooser: a modal listing the folders in the one being looked at (click one to go in),
// with the way up and to the home and Pictures folders; "Use this folder" takes it.
void draw_folder_chooser(UiState& ui) {
    UiState::FolderChooser& c = ui.folder_chooser;
    if (c.open) {
        ImGui::OpenPopup("Choose a folder");
        c.open = false;
        c.folder = ui.export_folder;
        c.listed.clear();
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(560 * ui.scale, vp->Size.x - 20), std::min(460 * ui.scale, vp->Size.y - 20)),
                             ImGuiCond_Appearing);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));  // opaque: the list over the window
    const bool open = ImGui::BeginPopupModal("Choose a folder");
    ImGui::PopStyleColor();
    if (!open) return;
    if (c.listed != c.folder) list_folder(c);
    ImGui::TextWrapped("%s", c.folder.c_str());
    const fs::path here(c.folder);
    if (ImGui::Button("Up") && here.has_parent_path() && here.parent_path() != here) c.folder = here.parent_path().string();
    spot(ui, "chooser-up");
    ImGui::SameLine();
    if (ImGui::Button("Home") && !ui.home_folder.empty()) c.folder = ui.home_folder;
    ImGui::SameLine();
    if (ImGui::Button("Pictures") && !ui.pictures_folder.empty()) c.folder = ui.pictures_folder;
    const float buttons = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("folders", ImVec2(0, -buttons), true);
    if (!c.error.empty()) ImGui::TextWrapped("%s", c.error.c_str());
    if (c.entries.empty() && c.error.empty()) ImGui::TextDisabled("no folders in here");
    std::string into;
    for (const auto& name : c.entries) {
        if (ImGui::Selectable((name + "/").c_str())) into = name;
        spot(ui, "chooser:" + name);
    }
    ImGui::EndChild();
    if (!into.empty()) c.folder = (here / into).string();
    if (ImGui::Button("Use this folder")) {
        ui.export_folder = c.folder;
        ImGui::CloseCurrentPopup();
    }
    spot(ui, "chooser-use");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// Before a file is replaced: the name in full, Replace or Cancel.
void draw_replace_prompt(UiState& ui) {
    if (ui.export_confirm.empty()) return;
    if (!ImGui::IsPopupOpen("Replace the file?")) ImGui::OpenPopup("Replace the file?");
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(520 * ui.scale, vp->Size.x - 20), 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal("Replace the file?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::PushTextWrapPos(std::min(500 * ui.scale, vp->Size.x - 40));
    ImGui::TextUnformatted(ui.export_confirm.c_str());
    ImGui::TextUnformatted("is there already. Replace it with this view?");
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Replace")) {
        ui.export_replace = true;
        ui.request_export = true;
        ui.export_confirm.clear();
        ImGui::CloseCurrentPopup();
    }
    spot(ui, "replace");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        ui.export_confirm.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void draw_export_contents(UiState& ui, const std::string& ending);

}  // namespace

void draw_export(UiState& ui, float window_width, float window_height) {
    // A PDF is a page: a name newly ending in .pdf (typed, or the format chosen) while the size is
    // a screen's takes an A4 sheet at print resolution; the page's size is shown below.
    const std::string ending = lower(fs::path(ui.export_path).extension().string());
    if (ending != ui.export_ending) {
        if (ending == ".pdf" && ui.export_dpi == 0) {
            ui.export_width = kSheets[0].width;
            ui.export_height = kSheets[0].height;
            ui.export_dpi = kSheets[0].dpi;
        }
        ui.export_ending = ending;
    }
    if (!ui.export_open) return;
    const float s = ui.scale;
    ImGui::SetNextWindowPos(ImVec2(window_width / 2, std::min(80 * s, window_height / 8)), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0));
    // As tall as what it holds (a line more once something was written), as wide as the user left it.
    float width = std::min(440 * s, window_width - 20);
    if (const ImGuiWindow* w = ImGui::FindWindowByName("Export this view"); w && w->Size.x > 0) width = w->Size.x;
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(200 * s, 0), ImVec2(window_width, std::max(100.0f, window_height - 10)));
    if (ui.focus_export) {
        ImGui::SetNextWindowFocus();
        ImGui::SetNextWindowCollapsed(false);
    }
    const bool shown = ImGui::Begin("Export this view", &ui.export_open);
    if (shown) draw_export_contents(ui, ending);
    ImGui::End();
    draw_folder_chooser(ui);
    draw_replace_prompt(ui);
}

namespace {
void draw_export_contents(UiState& ui, const std::string& ending) {
    ui.export_spots.clear();
    // The file, where it goes in full, and the button that writes it: first, never under a scroll.
    ImGui::TextUnformatted("Folder");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##folder", &ui.export_folder);
    spot(ui, "folder");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.export_folder.c_str());
    if (ImGui::Button("Choose...")) ui.folder_chooser.open = true;
    spot(ui, "choose");
    ImGui::SameLine();
    if (ImGui::Button("Open folder")) ui.request_open_folder = ui.export_folder;
    spot(ui, "open-folder");
    ImGui::TextUnformatted("Name  ");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ui.focus_export) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##name", &ui.export_path, ImGuiInputTextFlags_EnterReturnsTrue)) ui.request_export = true;
    spot(ui, "name");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The name's ending picks the format; Enter exports");
    ui.focus_export = false;
    if (ImGui::Button("Export")) ui.request_export = true;
    spot(ui, "export");
    ImGui::SameLine();
    const char* format = "other: .png .tif .svg .pdf";
    for (const auto& f : kFormats)
        if (ending == f.ending || (ending == ".tiff" && std::string_view(f.ending) == ".tif")) format = f.label;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##format", format)) {
        for (const auto& f : kFormats)
            if (ImGui::Selectable(f.label, format == f.label)) {
                fs::path name(ui.export_path.empty() ? "ca-atlas" : ui.export_path);
                name.replace_extension(f.ending);
                ui.export_path = name.string();
            }
        ImGui::EndCombo();
    }
    spot(ui, "format");
    // What went wrong with the last try, where the user looks (the panel lists it too).
    if (!ui.export_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        ImGui::TextWrapped("%s", ui.export_error.c_str());
        ImGui::PopStyleColor();
    } else if (!ui.status.empty()) {
        ImGui::TextWrapped("%s", ui.status.c_str());
        if (!ui.written_path.empty()) {
            if (ImGui::SmallButton("Open its folder")) ui.request_open_folder = fs::path(ui.written_path).parent_path().string();
            spot(ui, "open-written");
        }
    }

    ImGui::Separator();
    const char* preset = "Custom";
    for (const auto& p : kScreens)
        if (p.width == ui.export_width && p.height == ui.export_height && p.dpi == ui.export_dpi) preset = p.name;
    for (const auto& p : kSheets)
        if (p.width == ui.export_width && p.height == ui.export_height && p.dpi == ui.export_dpi) preset = p.name;
    if (ImGui::BeginCombo("Size", preset)) {
        const auto offer = [&](const Preset& p) {
            if (ImGui::Selectable(p.name, preset == p.name)) {
                ui.export_width = p.width;
                ui.export_height = p.height;
                ui.export_dpi = p.dpi;
            }
        };
        for (const auto& p : kScreens) offer(p);
        ImGui::Separator();
        for (const auto& p : kSheets) offer(p);
        ImGui::EndCombo();
    }
    spot(ui, "size");
    ImGui::InputInt("Width", &ui.export_width, 0);
    ImGui::InputInt("Height", &ui.export_height, 0);
    ImGui::InputInt("DPI (0: screen)", &ui.export_dpi, 0);
    // What the size means on paper: a PDF's page, or the print size at the resolution stated.
    const double inch_per_px = ui.export_dpi > 0 ? 1.0 / ui.export_dpi : 0.75 / 72;  // a screen pixel is 0.75 pt
    const double mm_w = ui.export_width * inch_per_px * 25.4, mm_h = ui.export_height * inch_per_px * 25.4;
    if (ending == ".pdf")
        ImGui::TextDisabled("Page %.0f x %.0f mm", mm_w, mm_h);
    else if (ui.export_dpi > 0)
        ImGui::TextDisabled("Printed %.0f x %.0f mm at %d dpi", mm_w, mm_h, ui.export_dpi);
    ImGui::InputText("Title", &ui.export_title);
    ImGui::Checkbox("Legend", &ui.export_legend);
    ImGui::SameLine();
    ImGui::Checkbox("Scale bar", &ui.export_scale_bar);
    ImGui::Checkbox("Attribution", &ui.export_attribution);
    ImGui::SameLine();
    ImGui::Checkbox("Citation", &ui.export_citation);
    ImGui::InputText("Caption passage", &ui.export_caption);
    if (!ui.entity_passages.empty() && ui.entity_passage >= 0 && size_t(ui.entity_passage) < ui.entity_passages.size()) {
        const std::string& shown = ui.entity_passages[size_t(ui.entity_passage)];
        if (ui.export_caption != shown && ImGui::SmallButton(("Caption: " + shown).c_str())) ui.export_caption = shown;
    }
}
}  // namespace

}  // namespace atlas
