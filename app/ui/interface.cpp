#include "ui/interface.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/annotation_view.hpp"
#include "ui/panel.hpp"

namespace atlas {

void draw_controls(AppState& state, UiState& ui, std::vector<Scene>* scenes, const Screen& screen) {
    const bool presenting = ui.presentation.on;
    if (!presenting) draw_panel(state, state.layers, ui, screen.height);
    if (ui.release_keyboard) ImGui::SetWindowFocus(nullptr);  // the keyboard to the map
    ui.release_keyboard = false;
    if (!presenting) draw_timeline(state, ui, screen.width, screen.height);
    if (!presenting) draw_export(ui, screen.width, screen.height);
    if (!presenting) draw_quiz(ui, screen.width, screen.height);
    // The Tour panel edits the scenes the presentation (F5) plays.
    if (!presenting && scenes && ui.tour.open) draw_tour(state, *scenes, ui, screen.width, screen.height);
    if (scenes && draw_unsaved_tour_prompt(*scenes, ui)) ui.request_quit = true;
    // Not on the first frames: those give the keyboard to the map, which a modal forbids.
    if (scenes && !presenting && ui.offer_recovery) draw_recovery_prompt(ui);
}

void draw_overlays(const AppState& state, UiState& ui, const Screen& screen) {
    const PresentationView& p = ui.presentation;
    if (!p.on) {
        draw_legend(state, ui, screen.width);
        // The quiz's window teaches the answer's selection itself; the inspector would cover the map.
        if (!ui.quiz.on) draw_inspector(state, ui, screen.height);
        draw_article(state, ui, screen.width, screen.height);
        keep_windows_inside(screen.width, screen.height, &ui.laid_out);
        ui.map_area = free_map_area(screen.width, screen.height);
        draw_map_overlay(ui, screen.width, screen.height, ui.measure_px);
        draw_quiz_marks(ui);
        return;
    }
    draw_quiz_marks(ui);  // the class quiz's answer: the place's ring
    draw_annotations(p.shapes, screen.pixel_ratio);
    if (p.hint) draw_annotation_hint(p.drawing, p.tool, p.colour, p.message, p.message_error);
    draw_presentation_overlay(p.typed, p.blank, screen.width, screen.height);
}

}  // namespace atlas
