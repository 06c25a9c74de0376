// The control panel. Everything here is reachable with the keyboard (ImGui's Tab navigation).
#include "panel.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/user_layer.hpp"

namespace atlas {

namespace {
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

}  // namespace

namespace {
// The timeline's height as last drawn: its title bar alone when folded (a click on its arrow).
float timeline_height(const UiState& ui) {
    const ImGuiWindow* w = ImGui::FindWindowByName("###Timeline");
    return w && w->Collapsed ? ImGui::GetFrameHeight() : kTimelineHeight * ui.scale;
}
}  // namespace

void draw_timeline(const AppState& state, UiState& ui, float window_width, float window_height) {
    // Along the bottom edge, folded or not: folded it gives the map its room (the day stays in
    // the legend and the title bar).
    const float height = kTimelineHeight * ui.scale;
    ImGui::SetNextWindowPos(ImVec2(10, window_height - timeline_height(ui) - 10), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(window_width - 20, height), ImGuiCond_Always);
    const std::string title = "Timeline: " + state.date.text() + "###Timeline";
    if (!ImGui::Begin(title.c_str(), nullptr,
                      ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollbar)) {
        ImGui::End();
        return;
    }
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
    ImGui::Text("%s%s", day.text().c_str(),
                day >= kArticlePresentEnd ? "   (after the article)"
                                          : (day == kArticleDate ? "   (the article's present)" : ""));
    // The event of the day ([ and ] land on one): named, all of it in the tooltip.
    if (const std::string happened = event_on(ui.events, day); !happened.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.12f, 0.30f, 0.60f, 1.0f), "  %s", happened.c_str());
        if (ImGui::IsItemHovered())
            for (const auto& e : ui.events)
                if (e.date == day) {
                    ImGui::BeginTooltip();
                    for (const auto& l : e.lines) ImGui::BulletText("%s", l.c_str());
                    ImGui::EndTooltip();
                }
    }

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
        ImGui::TextUnformatted(hovered->date.text().c_str());
        for (const auto& l : hovered->lines) ImGui::BulletText("%s", l.c_str());
        ImGui::EndTooltip();
        if (ImGui::IsMouseClicked(0)) ui.request_date = hovered->date;
    }
    ImGui::End();
}

namespace {
// A legend's mark, drawn as the map draws the symbol: its shape in its colour, a white edge.
void mark(ImDrawList* dl, ImVec2 c, float r, const SymbolKey& k) {
    const ImU32 fill = IM_COL32(k.fill.r, k.fill.g, k.fill.b, 255), edge = IM_COL32(255, 255, 255, 255);
    if (k.hollow) {
        dl->AddCircle(c, r * 0.8f, fill, 0, 2.5f);
        return;
    }
    switch (k.shape) {
        case SymbolShape::Square:
            dl->AddRectFilled(ImVec2(c.x - r * 0.75f, c.y - r * 0.75f), ImVec2(c.x + r * 0.75f, c.y + r * 0.75f), fill);
            dl->AddRect(ImVec2(c.x - r * 0.75f, c.y - r * 0.75f), ImVec2(c.x + r * 0.75f, c.y + r * 0.75f), edge);
            break;
        case SymbolShape::Diamond:
            dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), fill);
            dl->AddQuad(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), edge);
            break;
        case SymbolShape::Triangle:
            dl->AddTriangleFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y + r * 0.8f), ImVec2(c.x - r, c.y + r * 0.8f), fill);
            dl->AddTriangle(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y + r * 0.8f), ImVec2(c.x - r, c.y + r * 0.8f), edge);
            break;
        case SymbolShape::Star: {  // five points: a triangle from the centre to each edge of the outline
            ImVec2 v[10];
            for (int i = 0; i < 10; ++i) {
                const float a = -1.5707963f + float(i) * 0.6283185f, rr = i % 2 ? r * 0.45f : r * 1.1f;
                v[i] = ImVec2(c.x + rr * std::cos(a), c.y + rr * std::sin(a));
            }
            for (int i = 0; i < 10; ++i) dl->AddTriangleFilled(c, v[i], v[(i + 1) % 10], fill);
            break;
        }
        case SymbolShape::Dot:
            dl->AddCircleFilled(c, r * 0.4f, fill);
            dl->AddCircle(c, r * 0.4f, edge);
            break;
        default:
            dl->AddCircleFilled(c, r * 0.75f, fill);
            dl->AddCircle(c, r * 0.75f, edge, 0, 1.5f);
    }
}
}  // namespace

void draw_legend(const AppState& state, const UiState& ui, float window_width) {
    const bool classes = state.layers.memberships && !ui.legend.empty();
    if (!classes && ui.symbol_keys.empty() && ui.user_layer_keys.empty()) return;
    ImGui::SetNextWindowPos(ImVec2(window_width - 10, 10), ImGuiCond_FirstUseEver, ImVec2(1, 0));
    ImGui::Begin("Legend", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight() + 4;
    if (classes) {
        ImGui::Text("On %s", state.date.text().c_str());
        for (const auto& e : ui.legend) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            swatch(dl, p, ImVec2(p.x + 2 * h, p.y + h), e.fill, e.hatch, ui.overlay_style.hatch);
            ImGui::Dummy(ImVec2(2 * h, h));
            ImGui::SameLine();
            ImGui::TextUnformatted(e.label.c_str());
        }
    }
    // The marks on the map, those in view only.
    if (!ui.symbol_keys.empty()) {
        if (classes) ImGui::Separator();
        ImGui::TextUnformatted("Symbols");
        for (const auto& k : ui.symbol_keys) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            mark(dl, ImVec2(p.x + h, p.y + h / 2), h * 0.42f, k);
            ImGui::Dummy(ImVec2(2 * h, h));
            ImGui::SameLine();
            ImGui::TextUnformatted(k.meaning.c_str());
        }
    }
    // The user's own layers in view, each by its file's name, its swatch as the map draws it.
    if (!ui.user_layer_keys.empty()) {
        if (classes || !ui.symbol_keys.empty()) ImGui::Separator();
        ImGui::TextUnformatted("Your layers");
        for (const auto& k : ui.user_layer_keys) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImU32 colour = IM_COL32(k.colour.r, k.colour.g, k.colour.b, 255);
            if (k.polygons) {
                dl->AddRectFilled(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + 2 * h - 2, p.y + h - 3),
                                  IM_COL32(k.colour.r, k.colour.g, k.colour.b, kUserFillAlpha));
                dl->AddRect(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + 2 * h - 2, p.y + h - 3), colour, 0, 0, 2);
            } else if (k.lines) {
                dl->AddLine(ImVec2(p.x + 2, p.y + h / 2), ImVec2(p.x + 2 * h - 2, p.y + h / 2), colour, 3);
            } else {
                dl->AddCircleFilled(ImVec2(p.x + h, p.y + h / 2), h * 0.3f, colour);
                dl->AddCircle(ImVec2(p.x + h, p.y + h / 2), h * 0.3f, IM_COL32(30, 28, 26, 255));
            }
            ImGui::Dummy(ImVec2(2 * h, h));
            ImGui::SameLine();
            ImGui::TextUnformatted(k.name.c_str());
        }
    }
    ImGui::End();
}

void draw_inspector(const AppState& state, UiState& ui, float window_height) {
    if (state.selected.empty() || !ui.facts || !ui.world) return;
    const Facts& f = *ui.facts;
    const World& w = *ui.world;
    const float s = ui.scale;
    ImGui::SetNextWindowPos(ImVec2(350 * s, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(420 * s, std::min(360 * s, window_height - 140 * s)), ImGuiCond_FirstUseEver);
    // A window that appears by itself (a selection, the day's classes) does not take the keyboard:
    // the map's shortcuts keep working (ImGui focuses a new window otherwise).
    ImGui::Begin("Inspector", nullptr, ImGuiWindowFlags_NoFocusOnAppearing);
    const std::string& id = state.selected;
    ImGui::TextWrapped("%s", entity_name(id, f, w).c_str());
    if (w.country_index(id) >= 0) {
        const Country& c = w.countries[size_t(w.country_index(id))];
        if (!c.note.empty()) ImGui::TextWrapped("%s", c.note.c_str());
        ImGui::Separator();
        ImGui::TextUnformatted("Memberships over time");
        bool any = false;
        if (ImGui::BeginTable("memberships", 3,
                              ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const auto& m : f.memberships) {
                if (m.country != id) continue;
                any = true;
                const Organisation* o = f.organisation(m.organisation);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o ? o->abbreviation.c_str() : m.organisation.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(status_label(m.status));
                ImGui::TableNextColumn();
                // Open-ended: from its first day on, whatever day the map shows (it said "to today"
                // while the map showed 2012).
                if (m.to)
                    ImGui::Text("%s to %s%s", m.from.text().c_str(), m.to->text().c_str(),
                                m.after_article() ? " (after the article)" : "");
                else
                    ImGui::Text("from %s on%s", m.from.text().c_str(), m.after_article() ? " (after the article)" : "");
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Source: %s", m.source.c_str());
            }
            ImGui::EndTable();
        }
        if (!any) ImGui::TextDisabled("never in the CST, CSTO, Shanghai Five or SCO");
    } else if (const Place* p = f.place(id)) {
        ImGui::Text("%s, %s", p->kind.c_str(), p->from ? p->from->text().c_str() : "");
        ImGui::TextWrapped("Location: %s", p->precision == Precision::Site   ? "the site itself (within about 1 km)"
                                           : p->precision == Precision::City ? "the city only (within about 15 km)"
                                                                             : "only the area outlined on the map");
        ImGui::TextWrapped("Source: %s", source_for_readers(p->source).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p->source.c_str());  // with its web address
    } else if (const Organisation* o = f.organisation(id)) {
        ImGui::Text("%s, founded %s", o->abbreviation.c_str(), o->from.text().c_str());
        if (o->until) ImGui::Text("succeeded on %s", o->until->text().c_str());
        const auto members = members_on(f, id, state.date);
        std::string list;
        for (const auto& m : members) list += (list.empty() ? "" : ", ") + entity_name(m, f, w);
        ImGui::TextWrapped("Members on %s: %s", state.date.text().c_str(), list.empty() ? "none" : list.c_str());
    } else if (const Region* r = f.region(id)) {
        ImGui::TextWrapped("%s", source_for_readers(r->source).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r->source.c_str());
        if (r->kind == "boundary" && ui.features)
            for (const auto& line : border_length_notes(ui.features->border_lengths, r->members))
                ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::Separator();
    if (ui.article) {
        const auto links = f.links_of(id, *ui.article);
        ImGui::Text("Passages that mention it: %zu", links.size());
        for (const Link* l : links) {
            const Passage* p = ui.article->passage(l->passage);
            if (!p) continue;
            ImGui::PushID(l->passage.c_str());
            ImGui::TextDisabled("%s", place_in_article(*ui.article, *p).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("passage %s", p->id.c_str());
            ImGui::TextWrapped("\u201c%s\u201d", p->text.c_str());
            for (const auto& n : f.notes)
                if (n.passage == p->id) {
                    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.25f, 0.0f, 1.0f));
                    ImGui::TextWrapped("Note (not the author's words): %s", n.text.c_str());
                    ImGui::PopStyleColor();
                }
            ImGui::PopID();
            ImGui::Spacing();
        }
        ImGui::TextDisabled("%s", ui.article->citation.c_str());
    }
    ImGui::End();
}

void draw_map_overlay(const UiState& ui, float window_width, float window_height, const std::vector<Vec2>& measure_px) {
    if (!ui.no_map.empty()) {
        // Where the map would be: what is wrong and what to do, in the middle of the window, not
        // only in the panel's list.
        ImGui::SetNextWindowPos(ImVec2(window_width / 2, window_height / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::Begin("##no-map", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(560 * ui.scale, window_width * 0.8f));
        ImGui::TextUnformatted("The map cannot be shown: its data could not be read.");
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        ImGui::TextWrapped("%s", ui.no_map.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::End();
    }
    // Drawn behind the panels (on the map, under every window), in the map's part of the window:
    // the scale bar at its bottom left, the attribution at its bottom right, wrapped to its width.
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui.scale;
    UiState::Area area = ui.map_area;
    if (area.empty()) area = {0, 0, window_width, window_height - (kTimelineHeight + 20.0f) * s};
    const float room = std::max(80 * s, area.x1 - area.x0 - 28);
    float bottom = area.y1 - 6 * s;
    if (!ui.attribution.empty()) {
        const float wrap = std::min(room, ImGui::CalcTextSize(ui.attribution.c_str()).x + 1);
        const ImVec2 size = ImGui::CalcTextSize(ui.attribution.c_str(), nullptr, false, wrap);
        const ImVec2 at(std::max(area.x0 + 14, area.x1 - size.x - 14), bottom - size.y);
        dl->AddRectFilled(ImVec2(at.x - 4, at.y - 2), ImVec2(at.x + size.x + 4, at.y + size.y + 2),
                          IM_COL32(255, 255, 255, 200));
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, IM_COL32(40, 40, 40, 255), ui.attribution.c_str(),
                    nullptr, wrap);
        // The scale bar goes above it when the two would meet.
        if (at.x < area.x0 + 14 + ui.scale_px + 200 * s) bottom = at.y - 6 * s;
    }
    if (ui.scale_px > 0) {
        const ImVec2 a(area.x0 + 20, bottom - 8 * s), b(area.x0 + 20 + ui.scale_px, bottom - 8 * s);
        const std::string text = ui.scale_label + " (at the centre)";
        const float right = std::max(b.x + 6, a.x + ImGui::CalcTextSize(text.c_str()).x + 4);
        dl->AddRectFilled(ImVec2(a.x - 4, a.y - 20 * s), ImVec2(right, a.y + 6 * s), IM_COL32(255, 255, 255, 200));
        dl->AddLine(a, b, IM_COL32(20, 20, 20, 255), 3.0f * s);
        dl->AddLine(ImVec2(a.x, a.y - 5 * s), ImVec2(a.x, a.y + 3 * s), IM_COL32(20, 20, 20, 255), 2.0f * s);
        dl->AddLine(ImVec2(b.x, b.y - 5 * s), ImVec2(b.x, b.y + 3 * s), IM_COL32(20, 20, 20, 255), 2.0f * s);
        dl->AddText(ImVec2(a.x, a.y - 19 * s), IM_COL32(20, 20, 20, 255), text.c_str());
    }
    // A point the projection cannot place (the far side of the globe) or one far off the window
    // is not drawn: ImGui's shapes need finite coordinates, and a rounded box's corners crash on NaN.
    auto drawable = [](Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) < 1e6 && std::abs(p.y) < 1e6; };
    if (!std::all_of(measure_px.begin(), measure_px.end(), drawable)) return;
    for (size_t i = 0; i < measure_px.size(); ++i) {
        dl->AddCircleFilled(ImVec2(float(measure_px[i].x), float(measure_px[i].y)), 5, IM_COL32(200, 0, 120, 255));
        if (i > 0)
            dl->AddLine(ImVec2(float(measure_px[i - 1].x), float(measure_px[i - 1].y)),
                        ImVec2(float(measure_px[i].x), float(measure_px[i].y)), IM_COL32(200, 0, 120, 255), 2.5f);
    }
    // The distance on the line, at its middle, where the eye is.
    if (measure_px.size() == 2 && !ui.measure_label.empty()) {
        const ImVec2 mid(float(measure_px[0].x + measure_px[1].x) / 2, float(measure_px[0].y + measure_px[1].y) / 2);
        const ImVec2 size = ImGui::CalcTextSize(ui.measure_label.c_str());
        const ImVec2 at(mid.x - size.x / 2, mid.y - size.y - 8 * s);
        dl->AddRectFilled(ImVec2(at.x - 4 * s, at.y - 2 * s), ImVec2(at.x + size.x + 4 * s, at.y + size.y + 2 * s),
                          IM_COL32(255, 255, 255, 230), 3 * s);
        dl->AddRect(ImVec2(at.x - 4 * s, at.y - 2 * s), ImVec2(at.x + size.x + 4 * s, at.y + size.y + 2 * s),
                    IM_COL32(200, 0, 120, 255), 3 * s);
        dl->AddText(at, IM_COL32(120, 0, 70, 255), ui.measure_label.c_str());
    }
    if (!ui.hover.empty() && !ImGui::GetIO().WantCaptureMouse) {
        ImGui::BeginTooltip();
        for (const auto& l : ui.hover) ImGui::TextUnformatted(l.c_str());
        ImGui::EndTooltip();
    }
}

void draw_presentation_overlay(const std::string& typed, bool blank, float window_width, float window_height) {
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    if (blank) {
        fg->AddRectFilled(ImVec2(0, 0), ImVec2(window_width, window_height), IM_COL32(0, 0, 0, 255));
        return;
    }
    if (typed.empty()) return;
    // Sized for a 1080-line screen, as the caption: the interface font is 15 px, so 2x is 30 px.
    const float k = std::max(1.0f, window_height / 1080.0f), size = 30.0f * k;
    const std::string text = "go to " + typed;
    const ImVec2 extent = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
    const ImVec2 at(window_width - extent.x - 24 * k, 20 * k);
    fg->AddRectFilled(ImVec2(at.x - 12 * k, at.y - 8 * k), ImVec2(at.x + extent.x + 12 * k, at.y + extent.y + 8 * k),
                      IM_COL32(12, 12, 16, 255));
    fg->AddText(ImGui::GetFont(), size, at, IM_COL32(255, 214, 64, 255), text.c_str());
}

// The user's own layers under the atlas's: each one's switch in its colour, its label field, its
// notes and Close; then a field to open another (a file can also be dropped on the window).
void draw_user_layers(const AppState& state, UiState& ui) {
    UserLayerRequests& rq = ui.layer_requests;
    for (const UserLayerRow& row : ui.user_layers) {
        ImGui::PushID(row.id.c_str());
        bool shown = std::find(state.user_hidden.begin(), state.user_hidden.end(), row.id) == state.user_hidden.end();
        const ImVec4 c(row.colour.r / 255.f, row.colour.g / 255.f, row.colour.b / 255.f, 1.f);
        ImGui::PushStyleColor(ImGuiCol_CheckMark, c);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        if (ImGui::Checkbox(row.name.c_str(), &shown)) rq.toggle = row.id;
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.id.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%zu", row.features);
        ImGui::SameLine();
        if (ImGui::SmallButton("Close")) rq.remove = row.id;
        ImGui::Indent();
        ImGui::SetNextItemWidth(160 * ui.scale);
        if (ImGui::BeginCombo("Label", row.label_field.empty() ? "(none)" : row.label_field.c_str())) {
            if (ImGui::Selectable("(none)", row.label_field.empty())) rq.label_of = row.id, rq.label_field.clear(), rq.label = true;
            for (const auto& f : row.fields)
                if (ImGui::Selectable(f.c_str(), f == row.label_field))
                    rq.label_of = row.id, rq.label_field = f, rq.label = true;
            ImGui::EndCombo();
        }
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        for (const auto& n : row.notes) ImGui::TextWrapped("%s", n.c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(-60 * ui.scale);
    const bool enter = ImGui::InputTextWithHint("##layer-path", "a GeoJSON, Shapefile, KML, GPX, CSV ... file",
                                                &rq.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Open") || enter) && !rq.path.empty()) rq.open = true;
    for (const auto& f : rq.opening) ImGui::TextDisabled("Reading %s ...", f.c_str());
    if (!rq.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.2f, 0.2f, 1.f));
        ImGui::TextWrapped("%s", rq.error.c_str());
        ImGui::PopStyleColor();
    }
    if (ui.user_layers.empty() && rq.opening.empty() && rq.error.empty())
        ImGui::TextDisabled("Your own layer: type its file above, or drop it on the map");
}

void draw_panel(const AppState& state, Layers& layers, UiState& ui, float window_height) {
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(330 * ui.scale, 0), ImGuiCond_FirstUseEver);
    // Never taller than the room above the timeline: what does not fit scrolls inside the panel
    // (on a 720-line screen it ran under the timeline and off the window).
    const float room = std::max(120 * ui.scale, window_height - timeline_height(ui) - 30.0f * ui.scale);
    ImGui::SetNextWindowSizeConstraints(ImVec2(220 * ui.scale, 100 * ui.scale), ImVec2(FLT_MAX, room));
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
    if (ImGui::Button("Export this view... (Ctrl+E)")) {
        ui.export_open = true;
        ui.focus_export = true;
    }

    ImGui::Separator();
    ImGui::TextUnformatted("Layers");
    ImGui::Checkbox("1 Countries", &layers.countries);
    ImGui::Checkbox("2 Provinces", &layers.provinces);
    ImGui::Checkbox("3 Labels", &layers.labels);
    ImGui::Checkbox("4 Memberships (CSTO fill, SCO pattern)", &layers.memberships);
    ImGui::Checkbox("5 Afghanistan's northern border", &layers.northern_border);
    ImGui::Checkbox("6 Regions (Afghan Badakhshan, Balkh)", &layers.regions);
    ImGui::Checkbox("7 Places of the day", &layers.places);
    ImGui::Checkbox("8 Capitals", &layers.capitals);
    ImGui::Checkbox("9 Graticule", &layers.graticule);
    draw_user_layers(state, ui);
    ImGui::Checkbox("0 The article beside the map", &ui.article_open);
    ImGui::Checkbox("T The tour's scenes (edit and save)", &ui.tour.open);

    ImGui::Separator();
    ImGui::SetNextItemWidth(-60 * ui.scale);
    if (ui.focus_search) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_search = false;
    }
    const bool enter = ImGui::InputTextWithHint("Search", "country, city, place, organisation, code (/)", &ui.search,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ui.search_active = ImGui::IsItemActive();
    if (ui.search_index && !ui.search.empty()) {
        const auto hits = ui.search_index->find(ui.search, 8);
        if (enter && !hits.empty()) ui.request_select = hits.front().id;
        for (const auto& h : hits)
            if (ImGui::Selectable((h.label + "  [" + h.kind + "]").c_str())) ui.request_select = h.id;
        if (hits.empty()) ImGui::TextDisabled("nothing found");
    }
    if (!state.selected.empty() && ImGui::Button("Clear selection (Esc)")) ui.request_select = std::string();
    if (ImGui::CollapsingHeader("Keys")) {
        ImGui::TextWrapped(
            "Arrows pan, + and - zoom, Home resets. 1-9 toggle the layers above in order, 0 the article, P "
            "the projection. "
            "[ and ] step to the previous and next event, comma and period a month, A the article's date. "
            "/ or Ctrl+F search (Enter selects the first hit), Esc clears the selection, M measures, "
            "Ctrl+E opens the export (Enter writes the file), T opens the tour's scenes, Q the map quiz (a click answers, Space asks the next question, Esc "
            "ends it). Ctrl+Tab moves into the windows, Esc back to the map.");
        ImGui::Spacing();
        ImGui::TextWrapped(
            "Presenting (F5, Esc leaves and gives back the map as it was): Page Down, Right or Space the "
            "next scene, Page Up or Left the previous, Home the first, a number and Enter that scene, B "
            "blanks the screen, L hides or shows the legend. Q the class's quiz: R or Page Down shows the "
            "answer, Page Down asks the next question, Page Up the one before, Esc ends it. Drawing on "
            "the map: D on or off, F freehand, A arrow, O circle, T text, K the next colour, Backspace "
            "or Ctrl+Z undoes, C or Delete clears the scene's drawing, S saves it with the tour; the "
            "right button pans.");
    }

    if (ImGui::Checkbox("Measure (M): click two points", &ui.measuring) && ui.measuring) {
        ui.measure_points.clear();  // a new measurement
        ui.measure_text.clear();
        ui.measure_label.clear();
    }
    if (!ui.measure_text.empty()) ImGui::TextWrapped("%s", ui.measure_text.c_str());

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

void keep_windows_inside(float window_width, float window_height, UiState::Area* last) {
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return;
    // A panel against the right or bottom edge stays there when the window changes size (the
    // legend and the article, placed for the size the window opened at, were left in the middle
    // when it was then maximised).
    const float was_w = last && !last->empty() ? last->x1 : window_width, was_h = last && !last->empty() ? last->y1 : window_height;
    constexpr float kAgainst = 16;  // points from the edge: placed against it
    for (ImGuiWindow* w : g->Windows) {
        if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip |
                                                     ImGuiWindowFlags_Popup | ImGuiWindowFlags_NoMove)))
            continue;
        const ImVec2 size = w->Collapsed ? ImVec2(w->Size.x, w->TitleBarHeight()) : w->Size;
        ImVec2 at = w->Pos;
        if (window_width != was_w && at.x > 0 && was_w - (at.x + size.x) <= kAgainst) at.x += window_width - was_w;
        if (window_height != was_h && at.y > 0 && was_h - (at.y + size.y) <= kAgainst) at.y += window_height - was_h;
        at.x = std::max(0.0f, std::min(at.x, window_width - size.x));
        at.y = std::max(0.0f, std::min(at.y, window_height - size.y));
        if (at.x != w->Pos.x || at.y != w->Pos.y) ImGui::SetWindowPos(w, at, ImGuiCond_Always);
    }
    if (last) *last = UiState::Area{0, 0, window_width, window_height};
}

UiState::Area free_map_area(float window_width, float window_height) {
    UiState::Area area{0, 0, window_width, window_height};
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return area;
    for (const ImGuiWindow* w : g->Windows)
        if (w->Active && !w->Hidden && std::string_view(w->Name).ends_with("###Timeline"))
            area.y1 = std::min(area.y1, w->Pos.y);
    const float tall = 0.3f * (area.y1 - area.y0);
    float left = area.x0, right = area.x1;
    for (const ImGuiWindow* w : g->Windows) {
        const std::string_view name = w->Name;
        // The inspector floats over the map, beside what it describes.
        if (!w->Active || w->Hidden || w->IsFallbackWindow || w->Collapsed || name.ends_with("###Timeline") || name == "Inspector" ||
            (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup |
                         ImGuiWindowFlags_Modal)))
            continue;
        if (w->Size.y < tall) continue;
        const float middle = w->Pos.x + w->Size.x / 2;
        if (middle < window_width / 2)
            left = std::max(left, w->Pos.x + w->Size.x);
        else
            right = std::min(right, w->Pos.x);
    }
    if (right - left >= window_width / 4) {
        area.x0 = left;
        area.x1 = right;
    }
    return area;
}

bool interface_covers(float x, float y) {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return false;
    const ImVec2 p(x, y);
    for (const ImGuiWindow* w : g->Windows)
        if (w->Active && !w->Hidden && !(w->Flags & ImGuiWindowFlags_NoMouseInputs) && w->OuterRectClipped.Contains(p))
            return true;
    return false;
}

}  // namespace atlas
