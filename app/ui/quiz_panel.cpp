// The quiz's window (Q): the question, then its verdict with the passage and note that teach it,
// the next question, and at the end the score and the missed questions; and over the map, after a
// question about a place, the circle a click had to fall in and where the click was.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "panel.hpp"

namespace atlas {

namespace {

void quiz_spot(UiState& ui, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ui.quiz.spots[name] = {a.x, a.y, b.x, b.y};
}

// A bullet whose text wraps at the window's edge (BulletText does not wrap).
void bullet(const std::string& text) {
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::TextUnformatted(text.c_str());
}

const ImVec4 kRight(0.05f, 0.45f, 0.12f, 1.0f), kWrong(0.72f, 0.08f, 0.05f, 1.0f), kGrey(0.38f, 0.38f, 0.38f, 1.0f);

}  // namespace

void draw_quiz(UiState& ui, float window_width, float window_height) {
    UiState::QuizView& q = ui.quiz;
    if (!q.on) return;
    const float s = ui.scale;
    UiState::Area area = ui.map_area;
    if (area.empty()) area = {0, 0, window_width, window_height};
    const float width = std::min(620 * s, std::max(240 * s, area.x1 - area.x0 - 40 * s));
    // At the top of the map's part of the window, out of the way of the region's middle.
    ImGui::SetNextWindowPos(ImVec2((area.x0 + area.x1) / 2, area.y0 + 10 * s), ImGuiCond_Appearing, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    const std::string title = "Quiz, round " + std::to_string(q.seed) + "###quiz";
    bool open = true;
    if (!ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    if (!open) q.request_close = true;
    // Over the other windows (the inspector opens with the answer's selection), without taking the
    // keyboard from a field that has it.
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::PushTextWrapPos(0);
    if (q.count == 0) {
        ImGui::TextUnformatted("No question could be made from the data:");
        for (const auto& why : q.skipped) bullet(why);
    } else if (q.finished) {
        ImGui::SetWindowFontScale(1.3f);
        ImGui::Text("Score: %d of %d", q.score, q.count);
        ImGui::SetWindowFontScale(1.0f);
        if (q.missed.empty()) {
            ImGui::TextUnformatted("Every answer was right.");
        } else {
            ImGui::TextUnformatted("To look at again:");
            for (const auto& m : q.missed) bullet(m);
        }
        ImGui::TextColored(kGrey, "Round %u: the same number gives the same questions (ca-atlas --quiz --quiz-seed %u).",
                           q.seed, q.seed);
        if (ImGui::Button("New round")) q.request_new_round = true;
        quiz_spot(ui, "new-round");
        ImGui::SameLine();
        if (ImGui::Button("Close (Q)")) q.request_close = true;
        quiz_spot(ui, "close");
    } else {
        ImGui::TextColored(kGrey, "Question %d of %d  \xc2\xb7  %d right so far", q.number, q.count, q.score);
        ImGui::SetWindowFontScale(1.3f);
        ImGui::TextUnformatted(q.question.c_str());
        ImGui::SetWindowFontScale(1.0f);
        if (!q.answered) {
            ImGui::TextColored(kGrey, "Answer with a click on the map. Esc ends the quiz.");
        } else {
            ImGui::Separator();
            ImGui::PushStyleColor(ImGuiCol_Text, q.right ? kRight : kWrong);
            ImGui::SetWindowFontScale(1.15f);
            ImGui::TextUnformatted(q.verdict.c_str());
            ImGui::SetWindowFontScale(1.0f);
            ImGui::PopStyleColor();
            if (!q.quote.empty()) {
                ImGui::TextColored(kGrey, "What the article says:");
                ImGui::TextUnformatted(q.quote.c_str());
                ImGui::TextColored(kGrey, "%s", q.source.c_str());
            }
            if (!q.note.empty()) {
                ImGui::TextColored(kGrey, "Note (not the author's words):");
                ImGui::TextUnformatted(q.note.c_str());
            }
            if (ImGui::Button(q.number < q.count ? "Next question (Space)" : "See the score (Space)")) q.request_next = true;
            quiz_spot(ui, "next");
        }
    }
    ImGui::PopTextWrapPos();
    const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    ui.quiz.spots["window"] = {at.x, at.y, at.x + size.x, at.y + size.y};
    ImGui::End();
}

void draw_quiz_marks(const UiState& ui) {
    const UiState::QuizView& q = ui.quiz;
    if (!q.on || q.marks_px.empty()) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui.scale;
    const ImVec2 answer(q.marks_px[0].x, q.marks_px[0].y);
    const ImU32 ring = q.right ? IM_COL32(20, 120, 40, 255) : IM_COL32(190, 30, 20, 255);
    dl->AddCircle(answer, std::max(q.circle_px, 4 * s), IM_COL32(255, 255, 255, 220), 64, 5 * s);
    dl->AddCircle(answer, std::max(q.circle_px, 4 * s), ring, 64, 2.5f * s);
    dl->AddCircleFilled(answer, 4 * s, ring);
    if (q.marks_px.size() > 1) {  // the click: a cross
        const ImVec2 c(q.marks_px[1].x, q.marks_px[1].y);
        const float r = 7 * s;
        for (const ImU32 colour : {IM_COL32(255, 255, 255, 230), IM_COL32(30, 30, 30, 255)}) {
            const float w = colour == IM_COL32(30, 30, 30, 255) ? 2 * s : 5 * s;
            dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), colour, w);
            dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), colour, w);
        }
    }
}

}  // namespace atlas
