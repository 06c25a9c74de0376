// The Tour panel (Dear ImGui): the guided tour's scenes listed, chosen, added from the map, updated,
// reordered, deleted and saved. The edits are core's (tour.hpp); saving goes through the function
// the application hands over (UiState::TourEditor::save). No GL, no files opened here.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/user_layer.hpp"
#include "panel.hpp"

namespace atlas {

namespace {

// The user's layers open in the window, each with its label field, for a scene to take those shown.
std::vector<std::string> open_layer_refs(const UiState& ui) {
    std::vector<std::string> refs;
    for (const auto& row : ui.user_layers) refs.push_back(user_layer_ref(row.id, row.label_field));
    return refs;
}


// Characters of a passage shown beside its id in the passage list: about one line of the panel.
constexpr size_t kPreviewBytes = 70;
// Rows of the scene list shown before it scrolls: the shipped tour and a few more.
constexpr int kListRows = 12;

const ImVec4 kErrorColour(0.75f, 0.05f, 0.05f, 1.0f);

void spot(UiState::TourEditor& t, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    t.spots[name] = {a.x, a.y, b.x, b.y};
}

// The start of `text`, cut at a character boundary, with an ellipsis if anything was left out.
std::string preview(const std::string& text, size_t bytes) {
    if (text.size() <= bytes) return text;
    size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // a UTF-8 continuation
    return text.substr(0, end) + "\u2026";
}

// A combo of the article's passages, each with the start of its text, narrowed by a filter typed
// at its top (an id, or words of the text); true if `passage` was changed.
bool passage_combo(const char* label, std::string& passage, const Article* article, UiState::TourEditor& t,
                   const std::string& spot_name) {
    bool changed = false;
    const std::string shown = passage.empty() ? "(none)" : passage;
    const bool open = ImGui::BeginCombo(label, shown.c_str(), ImGuiComboFlags_HeightLarge);
    spot(t, spot_name);
    if (!open) return false;
    if (ImGui::IsWindowAppearing()) {
        t.passage_filter.clear();
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##filter", "type to narrow: an id or words of the text", &t.passage_filter);
    if (article) {
        std::set<int> matching;  // passages whose id or text has the filter
        if (!t.passage_filter.empty()) {
            for (const auto& h : find_in_article(*article, t.passage_filter)) matching.insert(h.passage);
            for (size_t i = 0; i < article->passages.size(); ++i)
                if (article->passages[i].id.find(t.passage_filter) != std::string::npos) matching.insert(int(i));
        }
        for (size_t i = 0; i < article->passages.size(); ++i) {
            if (!t.passage_filter.empty() && !matching.count(int(i))) continue;
            const Passage& p = article->passages[i];
            const std::string item = p.id + "   " + preview(p.text, kPreviewBytes);
            const bool selected = p.id == passage;
            if (ImGui::Selectable(item.c_str(), selected)) {
                changed = p.id != passage;
                passage = p.id;
            }
            spot(t, "option:" + p.id);
            if (selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
        }
    }
    ImGui::EndCombo();
    return changed;
}

// The start of a passage's text under its combo, so the caption can be read before it is chosen.
void passage_text(const Article* article, const std::string& passage) {
    const Passage* p = article ? article->passage(passage) : nullptr;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (p)
        ImGui::TextWrapped("\u201c%s\u201d", preview(p->text, 2 * kPreviewBytes).c_str());
    else
        ImGui::TextWrapped("no such passage in the article");
    ImGui::PopStyleColor();
}

// Checks every scene as the loader would and, if they are sound, writes them.
void video_spot(UiState::VideoExport& v, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    v.spots[name] = {a.x, a.y, b.x, b.y};
}

// The tour as a video: its file, size, rate and how long each scene holds; while it is written,
// its progress and Cancel (the map stays live: another process writes it); then what came of it.
void draw_video(UiState& ui, bool unsaved, const std::string& tour_path) {
    UiState::VideoExport& v = ui.video;
    if (v.path.empty()) v.path = (std::filesystem::path(ui.export_folder) / "tour.mp4").string();
    if (v.running) {
        const float done = v.total > 0 ? float(v.frame) / float(v.total) : 0.0f;
        char text[64];
        std::snprintf(text, sizeof text, "frame %lld of %lld", v.frame, v.total);
        ImGui::ProgressBar(done, ImVec2(-1, 0), v.total > 0 ? text : "starting");
        ImGui::TextDisabled("Writing %s", v.path.c_str());
        if (ImGui::Button("Cancel")) v.request_cancel = true;
        video_spot(v, "cancel");
        return;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##video-path", &v.path);
    video_spot(v, "path");
    const auto sizes = UiState::kVideoSizes;
    char label[32];
    std::snprintf(label, sizeof label, "%dx%d", sizes[size_t(v.size)][0], sizes[size_t(v.size)][1]);
    ImGui::SetNextItemWidth(110 * ui.scale);
    if (ImGui::BeginCombo("##video-size", label)) {
        for (size_t i = 0; i < sizes.size(); ++i) {
            std::snprintf(label, sizeof label, "%dx%d", sizes[i][0], sizes[i][1]);
            if (ImGui::Selectable(label, size_t(v.size) == i)) v.size = int(i);
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(50 * ui.scale);
    ImGui::InputInt("fps", &v.fps, 0);
    v.fps = std::clamp(v.fps, 1, 120);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(50 * ui.scale);
    ImGui::InputFloat("s each scene", &v.hold_seconds, 0, 0, "%.1f");
    v.hold_seconds = std::clamp(v.hold_seconds, 0.5f, 600.0f);
    if (ImGui::Button("Write the video")) v.request_start = true;
    video_spot(v, "write");
    if (unsaved) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColour, "of the tour as saved");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The video shows the scenes saved in %s: save first to include your changes.",
                              tour_path.c_str());
    }
    if (!v.message.empty()) {
        if (v.failed) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::TextWrapped("%s", v.message.c_str());
        if (v.failed) ImGui::PopStyleColor();
    }
}

void save(std::vector<Scene>& scenes, UiState& ui) {
    auto& t = ui.tour;
    t.problems.clear();
    t.failed = true;
    if (!ui.world || !ui.facts || !ui.article) {
        t.message = "Not saved: the map, the facts or the article could not be read, so the scenes cannot be checked";
        return;
    }
    std::vector<std::string> projection_ids;
    for (const auto& p : ui.projections) projection_ids.push_back(p.id);
    const auto problems = tour_problems(scenes, *ui.world, *ui.facts, *ui.article, projection_ids);
    for (const auto& p : problems)
        t.problems.push_back("scene " + std::to_string(p.scene + 1) + " (" + scenes[p.scene].id + "): " + p.message);
    if (!problems.empty()) {
        t.message = "Not saved: " + std::to_string(problems.size()) + " problem" + (problems.size() == 1 ? "" : "s");
        t.current = problems.front().scene;
        return;
    }
    if (!t.save) {
        t.message = "Not saved: saving is not available here";
        return;
    }
    try {
        t.save(t.path, scenes);
        t.message = "Saved " + std::to_string(scenes.size()) + " scenes to " + t.path;
        t.failed = false;
        t.unsaved = false;
        t.ink_scenes = 0;
        t.using_own = !t.shipped.empty();  // from now on the user's copy is read
    } catch (const std::exception& e) {
        t.message = e.what();
    }
}

}  // namespace

void draw_tour(const AppState& state, std::vector<Scene>& scenes, UiState& ui, float window_width,
               float window_height) {
    auto& t = ui.tour;
    t.spots.clear();
    ui.video.spots.clear();
    if (!t.open) return;
    if (t.current && *t.current >= scenes.size())
        t.current = scenes.empty() ? std::nullopt : std::optional<size_t>(scenes.size() - 1);
    if (!t.new_passage_chosen) t.new_passage = default_passage(state.selected, ui.facts, ui.article, scenes, t.current);

    // Under the inspector (350, 10, at most 360 high) and above the timeline (the bottom 110 px),
    // between the control panel and the article; at most 640 px, enough for the list, the chosen
    // scene, the new one and a few problems.
    const float s = ui.scale;
    const float top = 380 * s, height = std::clamp(window_height - top - 110 * s, 300 * s, 640 * s);
    ImGui::SetNextWindowPos(ImVec2(std::min(350 * s, window_width / 4), top), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(420 * s, height), ImGuiCond_FirstUseEver);
    // The marker is in the title; "###" keeps the window the same one with or without it.
    const std::string title = std::string("Tour") + (t.unsaved ? "  (unsaved changes)" : "") + "###Tour";
    // Opened with T it does not take the keyboard, so that T closes it again.
    if (!ImGui::Begin(title.c_str(), &t.open, ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    ImGui::Text("%zu scene%s; F5 presents them", scenes.size(), scenes.size() == 1 ? "" : "s");
    if (t.unsaved) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColour, "  unsaved changes");
    }

    // Saving, at the top so that its outcome is in view: checked first, written whole or not at all.
    if (ImGui::Button("Save")) save(scenes, ui);
    spot(t, "save");
    ImGui::SameLine();
    ImGui::TextDisabled("to %s", t.path.c_str());
    // The user's saved tour is read instead of the shipped one; this gives the shipped one back (the
    // user's copy is kept beside it as .bak).
    if (t.using_own && !t.shipped.empty()) {
        if (ImGui::Button("Back to the shipped tour")) t.request_shipped = true;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Shows the tour that came with the atlas (%s) again; your edited tour is kept as %s.bak",
                              t.shipped.c_str(), t.path.c_str());
        spot(t, "shipped");
    }
    // The tour as a video, written beside the map.
    if (ui.video.running) ImGui::SetNextItemOpen(true);
    ui.video.open = ImGui::CollapsingHeader("Video of the tour");
    video_spot(ui.video, "video");
    if (ui.video.open) draw_video(ui, t.unsaved, t.path);
    // A save's success is old news once the scenes changed again (it said "Saved" beside
    // "unsaved changes"); what went wrong stays until the next try.
    if (t.unsaved && !t.failed) t.message.clear();
    if (!t.message.empty()) {
        if (t.failed) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::TextWrapped("%s", t.message.c_str());
        for (const auto& p : t.problems) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", p.c_str());
        }
        if (t.failed) ImGui::PopStyleColor();
    }

    // The scenes in order: choosing one sends the map there.
    bool scroll = false;  // the chosen scene moved or was added: bring it into view next frame
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const float list_height =
        row * float(std::clamp(int(scenes.size()), 3, kListRows)) + 2 * ImGui::GetStyle().WindowPadding.y;
    ImGui::BeginChild("scenes", ImVec2(0, list_height), true);
    for (size_t i = 0; i < scenes.size(); ++i) {
        ImGui::PushID(int(i));
        char label[24];  // a size_t has at most 20 digits
        std::snprintf(label, sizeof label, "%2zu  ", i + 1);
        if (ImGui::Selectable((label + scenes[i].title).c_str(), t.current == i)) {
            t.current = i;
            ui.request_scene = i;
        }
        spot(t, "scene:" + std::to_string(i));
        if (t.current == i && t.scroll_to_current) ImGui::SetScrollHereY();
        ImGui::PopID();
    }
    t.scroll_to_current = false;
    ImGui::EndChild();

    // The chosen scene: its title and caption in place, its map state from the map.
    ImGui::Separator();
    if (t.current) {
        const size_t i = *t.current;
        Scene& sc = scenes[i];
        ImGui::Text("Scene %zu  (id %s)", i + 1, sc.id.c_str());
        if (ImGui::InputText("Title", &sc.title)) t.unsaved = true;
        spot(t, "title");
        if (passage_combo("Passage", sc.passage, ui.article, t, "passage")) t.unsaved = true;
        passage_text(ui.article, sc.passage);
        ImGui::TextDisabled("View %.3f, %.3f, %g km high; %s; %s", sc.view.lon, sc.view.lat, sc.view.height_km,
                            sc.projection.c_str(), sc.date.str().c_str());
        std::string highlight;
        for (const auto& h : sc.highlight) highlight += (highlight.empty() ? "" : " ") + h;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        if (!sc.user_layers.empty()) {
            std::string own;
            for (const auto& ref : sc.user_layers) {
                const UserLayerRef r = parse_user_layer_ref(ref);
                own += (own.empty() ? "" : ", ") + std::filesystem::path(r.path).filename().string();
                if (r.label) own += r.label->empty() ? " (no labels)" : " (labelled by " + *r.label + ")";
            }
            ImGui::TextWrapped("Your layers: %s", own.c_str());
        }
        ImGui::TextWrapped("Layers: %s. Highlight: %s", layers_text(sc.layers).c_str(),
                           highlight.empty() ? "none" : highlight.c_str());
        ImGui::PopStyleColor();
        if (ImGui::Button("Update from the map")) {
            take_map_state(sc, state, t.view, ui.facts, open_layer_refs(ui));
            t.unsaved = true;
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("This scene takes the map's view, projection, layers, date and selection");
        spot(t, "update");
        ImGui::SameLine();
        if (ImGui::Button("Move up") && move_scene(scenes, i, -1)) {
            t.current = i - 1;
            t.unsaved = scroll = true;
        }
        spot(t, "up");
        ImGui::SameLine();
        if (ImGui::Button("Move down") && move_scene(scenes, i, +1)) {
            t.current = i + 1;
            t.unsaved = scroll = true;
        }
        spot(t, "down");
        ImGui::SameLine();
        if (ImGui::Button("Delete") && delete_scene(scenes, i)) {
            t.current = scenes.empty() ? std::nullopt : std::optional<size_t>(std::min(i, scenes.size() - 1));
            t.unsaved = scroll = true;
        }
        spot(t, "delete");
    } else {
        ImGui::TextDisabled("Choose a scene to edit it, or add one from the map below.");
    }

    // A new scene from what the map shows now.
    ImGui::Separator();
    ImGui::TextWrapped("New scene from the map: its view, projection, layers, date and selection");
    ImGui::InputTextWithHint("Title##new", "the new scene's title", &t.new_title);
    spot(t, "new-title");
    if (passage_combo("Passage##new", t.new_passage, ui.article, t, "new-passage")) t.new_passage_chosen = true;
    passage_text(ui.article, t.new_passage);
    const std::string add =
        t.current ? "Add after scene " + std::to_string(*t.current + 1) : std::string("Add at the end");
    if (ImGui::Button(add.c_str())) {
        if (t.new_title.empty()) {
            t.message = "Type a title for the new scene first";
            t.failed = true;
        } else {
            Scene sc;
            sc.title = t.new_title;
            sc.passage = t.new_passage;
            take_map_state(sc, state, t.view, ui.facts, open_layer_refs(ui));
            t.current = insert_scene(scenes, t.current, std::move(sc));
            t.new_title.clear();
            t.new_passage_chosen = false;
            t.unsaved = scroll = true;
            t.message.clear();
        }
    }
    spot(t, "add");

    t.scroll_to_current = scroll;
    ImGui::End();
}

bool draw_unsaved_tour_prompt(std::vector<Scene>& scenes, UiState& ui) {
    auto& t = ui.tour;
    if (!t.closing) return false;
    constexpr const char* kTitle = "Unsaved changes to the tour";
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(480 * ui.scale, 0), ImGuiCond_Always);
    bool close = false;
    if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextWrapped("The tour's scenes have changed since they were last saved to %s.", t.path.c_str());
        if (t.ink_scenes > 0)
            ImGui::TextWrapped("That includes your drawings on %zu scene%s, which were never saved (S saves them while "
                               "presenting).",
                               t.ink_scenes, t.ink_scenes == 1 ? "" : "s");
        if (t.failed && !t.message.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
            ImGui::TextWrapped("%s", t.message.c_str());
            for (const auto& p : t.problems) {
                ImGui::Bullet();
                ImGui::TextWrapped("%s", p.c_str());
            }
            ImGui::PopStyleColor();
        }
        ImGui::Spacing();
        if (ImGui::Button("Save and quit")) {
            save(scenes, ui);
            close = !t.unsaved;
        }
        spot(t, "quit-save");
        ImGui::SameLine();
        if (ImGui::Button("Quit without saving")) close = true;
        spot(t, "quit-discard");
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            t.closing = false;
            ImGui::CloseCurrentPopup();
        }
        spot(t, "quit-cancel");
        ImGui::EndPopup();
    }
    return close;
}

void draw_recovery_prompt(UiState& ui) {
    auto& t = ui.tour;
    if (t.recovered.empty() || t.closing) return;
    constexpr const char* kTitle = "Recovered tour edits";
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(480 * ui.scale, 0), ImGuiCond_Always);
    if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextWrapped("The atlas was ended with unsaved changes to the tour; they were kept in %s.",
                           t.recovered.c_str());
        ImGui::Spacing();
        if (ImGui::Button("Open them")) {
            t.request_recovered_open = true;
            ImGui::CloseCurrentPopup();
        }
        spot(t, "recovered-open");
        ImGui::SameLine();
        if (ImGui::Button("Discard them")) {
            t.request_recovered_discard = true;
            ImGui::CloseCurrentPopup();
        }
        spot(t, "recovered-discard");
        ImGui::EndPopup();
    }
}

}  // namespace atlas
