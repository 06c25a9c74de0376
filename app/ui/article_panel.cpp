// The article panel (Dear ImGui). Text is laid out word by word so that the names of mapped
// entities can be links inside wrapped paragraphs.
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "panel.hpp"

namespace atlas {

namespace {

constexpr ImU32 kLinkColour = IM_COL32(20, 80, 170, 255);
constexpr ImU32 kSelectedMark = IM_COL32(255, 208, 0, 110);
constexpr ImU32 kHitMark = IM_COL32(255, 140, 0, 90);

// Lays out text[b, e) word by word from the current cursor, wrapping at the window's content edge.
// Returns whether any of its words was clicked.
bool flow(const std::string& text, size_t b, size_t e, ImU32 colour, ImU32 mark, bool link,
          std::vector<std::pair<ImVec2, ImVec2>>* words) {
    bool clicked = false;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    size_t i = b;
    while (i < e) {
        size_t j = i;
        while (j < e && text[j] != ' ') ++j;
        while (j < e && text[j] == ' ') ++j;  // a word with its trailing spaces
        const std::string word = text.substr(i, j - i);
        const float w = ImGui::CalcTextSize(word.c_str()).x;
        const float x = ImGui::GetCursorScreenPos().x;
        if (x + w > right && x > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMin().x + 1) ImGui::NewLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(word.c_str());
        ImGui::PopStyleColor();
        const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
        if (words) words->push_back({mn, mx});
        if (mark) ImGui::GetWindowDrawList()->AddRectFilled(mn, mx, mark);
        if (link) {
            if (ImGui::IsItemHovered()) {
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                ImGui::GetWindowDrawList()->AddLine(ImVec2(mn.x, mx.y), mx, colour);
            }
            if (ImGui::IsItemClicked()) clicked = true;
        }
        ImGui::SameLine(0, 0);
        i = j;
    }
    return clicked;
}

// The full text's search: the field, the count, stepping through the hits and their list.
void article_search(const Article& a, UiState& ui) {
    ImGui::SetNextItemWidth(200 * ui.scale);
    const bool edited = ImGui::InputTextWithHint("##find", "search the text", &ui.article_search);
    ui.search_box = {"",
                     "search",
                     ImGui::GetItemRectMin().x,
                     ImGui::GetItemRectMin().y,
                     ImGui::GetItemRectMax().x,
                     ImGui::GetItemRectMax().y};
    if (edited) {
        ui.article_hits = find_in_article(a, ui.article_search);
        ui.article_hit = 0;
        ui.article_hit_shown = -1;
        if (!ui.article_hits.empty()) ui.scroll_to = ui.article_hits.front().passage;
    }
    if (!ui.article_search.empty()) {
        ImGui::SameLine();
        ImGui::Text("%zu found", ui.article_hits.size());
        if (!ui.article_hits.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton("<##hit"))
                ui.article_hit = (ui.article_hit + int(ui.article_hits.size()) - 1) % int(ui.article_hits.size());
            ImGui::SameLine();
            if (ImGui::SmallButton(">##hit")) ui.article_hit = (ui.article_hit + 1) % int(ui.article_hits.size());
            ImGui::SameLine();
            ImGui::Text("%d/%zu", ui.article_hit + 1, ui.article_hits.size());
        }
    }
    // The hits as a list: passage and the words around each; a click goes there.
    if (!ui.article_hits.empty() && ImGui::TreeNode("hits", "List of the %zu hits", ui.article_hits.size())) {
        for (size_t k = 0; k < ui.article_hits.size(); ++k) {
            const TextHit& h = ui.article_hits[k];
            const Passage& p = a.passages[size_t(h.passage)];
            const size_t from = h.begin > 30 ? h.begin - 30 : 0;
            const std::string around = "..." + p.text.substr(from, h.end + 30 - from) + "...";
            if (ImGui::Selectable((place_in_article(a, p) + ": " + around + "##" + std::to_string(k)).c_str(),
                                  int(k) == ui.article_hit))
                ui.article_hit = int(k);
        }
        ImGui::TreePop();
    }
    if (!ui.article_hits.empty() && ui.article_hit_shown != ui.article_hit)
        ui.scroll_to = ui.article_hits[size_t(ui.article_hit)].passage;
    ui.article_hit_shown = ui.article_hit;

}

// The selection's passages, stepped through.
void selection_passages(const AppState& state, const Article& a, UiState& ui) {
    if (!state.selected.empty() && ui.facts && ui.world) {
        const std::string name = entity_name(state.selected, *ui.facts, *ui.world);
        if (ui.entity_passages.empty()) {
            ImGui::TextWrapped("No passage mentions %s.", name.c_str());
        } else {
            ImGui::TextWrapped("%s: %zu passage%s", name.c_str(), ui.entity_passages.size(),
                               ui.entity_passages.size() == 1 ? "" : "s");
            const int n = int(ui.entity_passages.size());
            if (ImGui::SmallButton("< Previous")) ui.entity_passage = (ui.entity_passage + n - 1) % n;
            ImGui::SameLine();
            if (ImGui::SmallButton("Next >")) ui.entity_passage = (ui.entity_passage + 1) % n;
            ImGui::SameLine();
            ImGui::Text("%d/%d", ui.entity_passage + 1, n);
            if (ui.entity_passage_shown != ui.entity_passage)
                ui.scroll_to = a.index_of(ui.entity_passages[size_t(ui.entity_passage)]);
            ui.entity_passage_shown = ui.entity_passage;
        }
    }
}

// A passage: its id, its text with the mapped names as links and the search hits marked, its
// footnote marks, the notes beside it, Quote, and the timeline's button for a date in it.
void draw_passage(const AppState& state, const Article& a, int index, bool mentions_selection, UiState& ui) {
    const Passage& p = a.passages[size_t(index)];
    ImGui::PushID(index);
    // Where it is, as a reader counts (the section's title is above it); its id, the data's name
    // for it (a scene's or --caption's passage), in a tooltip.
    ImGui::TextDisabled("%s%s", place_in_section(a, p).c_str(), mentions_selection ? "  (mentions the selection)" : "");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("passage %s", p.id.c_str());
    // Boundaries: mentions (links) and search hits split the text into runs.
    const auto mentions = ui.facts ? ui.facts->mentions(p.text) : std::vector<Mention>{};
    std::vector<TextHit> hits;
    for (const auto& h : ui.article_hits)
        if (h.passage == index) hits.push_back(h);
    std::vector<size_t> cuts{0, p.text.size()};
    for (const auto& m : mentions) cuts.insert(cuts.end(), {m.begin, m.end});
    for (const auto& h : hits) cuts.insert(cuts.end(), {h.begin, h.end});
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (size_t k = 0; k + 1 < cuts.size(); ++k) {
        const size_t b = cuts[k], e = cuts[k + 1];
        const Mention* m = nullptr;
        for (const auto& x : mentions)
            if (x.begin <= b && e <= x.end) m = &x;
        const bool hit =
            std::any_of(hits.begin(), hits.end(), [&](const TextHit& h) { return h.begin <= b && e <= h.end; });
        const bool selected = m && m->alias->entity == state.selected;
        const ImU32 mark = hit ? kHitMark : (selected ? kSelectedMark : 0);
        std::vector<std::pair<ImVec2, ImVec2>> words;
        const bool clicked =
            flow(p.text, b, e, m ? kLinkColour : ImGui::GetColorU32(ImGuiCol_Text), mark, m != nullptr, &words);
        if (m) {
            for (const auto& [mn, mx] : words)
                ui.spots.push_back({p.id, m->alias->entity, mn.x, mn.y, mx.x, mx.y});
            if (clicked) {
                ui.request_select = m->alias->entity;
                ui.link_passage = p.id;  // the reader stays in this passage
            }
        }
    }
    for (int fn : p.footnotes) {
        const std::string mark = " [" + std::to_string(fn) + "]";
        ImGui::TextDisabled("%s", mark.c_str());
        ImGui::SameLine(0, 0);
    }
    ImGui::NewLine();
    // Notes beside the passage, marked as not the author's words.
    if (ui.facts)
        for (const auto& n : ui.facts->notes)
            if (n.passage == p.id) {
                ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(140, 64, 0, 255));
                ImGui::TextWrapped("Note, not the author's words: %s", n.text.c_str());
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Source: %s", n.source.c_str());
            }
    if (ImGui::SmallButton("Quote")) {
        ui.copied = quotation(a, p);
        ui.copied_passage = p.id;
        ImGui::SetClipboardText(ui.copied.c_str());
    }
    ui.spots.push_back({p.id, "", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                        ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copies the passage with its citation, to paste into slides or notes");
    if (ui.copied_passage == p.id) {  // the quotation copied last: said where the click was
        ImGui::SameLine();
        ImGui::TextDisabled("copied, with its citation");
    }
    int y = 0, mo = 0, d = 0;
    if (date_in_text(p.text, y, mo, d) && Date::parse(Date{y, mo, d}.str())) {
        ImGui::SameLine();
        const Date day{y, mo, d};
        if (day >= kTimelineStart && day <= kTimelineEnd &&
            ImGui::SmallButton(("Timeline to " + Date{y, mo, d}.text()).c_str()))
            ui.request_date = day;
    }
    ImGui::PopID();
    ImGui::Spacing();
}

}  // namespace

void draw_article(const AppState& state, UiState& ui, float window_width, float window_height) {
    if (!ui.article || !ui.article_open) return;
    const Article& a = *ui.article;
    // The selection's passages, recomputed when the selection changes; the first is brought into view.
    if (ui.article_selected != state.selected) {
        ui.article_selected = state.selected;
        ui.entity_passages.clear();
        if (ui.facts && !state.selected.empty())
            for (const Link* l : ui.facts->links_of(state.selected, a)) ui.entity_passages.push_back(l->passage);
        ui.entity_passage = 0;
        ui.entity_passage_shown = 0;
        // Selected by a link in the text, the article stays where the reader is (that passage is
        // the selection's current one); selected elsewhere, its first passage comes into view.
        const auto here = std::find(ui.entity_passages.begin(), ui.entity_passages.end(), ui.link_passage);
        if (here != ui.entity_passages.end())
            ui.entity_passage = ui.entity_passage_shown = int(here - ui.entity_passages.begin());
        else if (!ui.entity_passages.empty())
            ui.scroll_to = a.index_of(ui.entity_passages.front());
        ui.link_passage.clear();
    }
    const float s = ui.scale;
    // Where it first opens: under the legend (whose size is known from its second frame on), down
    // to the timeline; a place the user gave it before (the kept layout) is left alone.
    if (ui.article_placing < 0) ui.article_placing = ImGui::FindWindowSettings(ImHashStr("Article")) ? 0 : 4;
    if (ui.article_placing > 0) {
        if (ui.world) --ui.article_placing;  // the legend appears with the map's data
        float top = 210 * s;
        if (const ImGuiWindow* legend = ImGui::FindWindowByName("Legend"); legend && legend->Active)
            top = std::max(top, legend->Pos.y + legend->Size.y + 10);
        const float bottom = window_height - (kTimelineHeight + 20) * s;
        ImGui::SetNextWindowPos(ImVec2(window_width - 10, top), ImGuiCond_Always, ImVec2(1, 0));
        ImGui::SetNextWindowSize(ImVec2(480 * s, std::max(160 * s, bottom - top)), ImGuiCond_Always);
    }
    // Opened with 0 it does not take the keyboard, so that 0 closes it again.
    if (!ImGui::Begin("Article", &ui.article_open, ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    ui.spots.clear();
    // The text in the font built at its size; scaled from the nearest built one only while the
    // slider is dragged (or where no font of that size can be built).
    if (ui.article_font) ImGui::PushFont(ui.article_font);
    const float built = ui.article_font ? ui.article_font_scale : 1.0f;
    ImGui::SetWindowFontScale(ui.article_scale / built);
    ImGui::TextWrapped("%s", a.title.c_str());
    ImGui::TextDisabled("%s", a.author.c_str());
    ImGui::SetNextItemWidth(120 * s);
    ImGui::SliderFloat("Text size", &ui.article_scale, 0.8f, 2.0f, "%.1fx");
    if (!ImGui::IsItemActive()) ui.article_font_wanted = ui.article_scale;

    article_search(a, ui);
    selection_passages(state, a, ui);
    ImGui::Separator();

    ImGui::BeginChild("text");  // at its parent's font scale (ImGui multiplies the two)
    ImGui::TextWrapped("%s", a.citation.c_str());
    const std::set<std::string> current(ui.entity_passages.begin(), ui.entity_passages.end());
    const float width = ImGui::GetContentRegionAvail().x;
    if (ui.passage_heights.size() != a.passages.size() || ui.heights_width != width ||
        ui.heights_scale != ui.article_scale) {
        ui.passage_heights.assign(a.passages.size(), 0.0f);
        ui.heights_width = width;
        ui.heights_scale = ui.article_scale;
    }
    for (const auto& section : a.sections) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(60, 40, 20, 255));
        ImGui::TextWrapped("%s", section.title.c_str());
        ImGui::PopStyleColor();
        for (const auto& pid : section.passages) {
            const int index = a.index_of(pid);
            if (index < 0) continue;
            if (ui.scroll_to == index) {
                ImGui::SetScrollHereY(0.1f);
                ui.scroll_to = -1;
            }
            const float known = ui.passage_heights[size_t(index)];
            if (known > 0 && ui.scroll_to < 0 && !ImGui::IsRectVisible(ImVec2(1, known))) {
                ImGui::Dummy(ImVec2(1, known));  // out of view: its space only
                continue;
            }
            const float top = ImGui::GetCursorPosY();
            draw_passage(state, a, index, current.count(pid) > 0, ui);
            ui.passage_heights[size_t(index)] = ImGui::GetCursorPosY() - top - ImGui::GetStyle().ItemSpacing.y;
        }
    }
    if (!a.footnotes.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted("Footnotes");
        for (const auto& f : a.footnotes) ImGui::TextWrapped("%d. %s", f.number, f.text.c_str());
    }
    ImGui::EndChild();
    if (ui.article_font) ImGui::PopFont();
    ImGui::End();
}

}  // namespace atlas
