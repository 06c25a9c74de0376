// Everything the window shows over the map, in the two passes the main loop makes around the
// session's update: the controls first (their requests are answered in the same frame), then what
// reports the update's outcome (the legend, the inspector, the article, the tooltip, the scale bar,
// the presentation's annotations). Reads and edits UiState and AppState; no GL calls.
#pragma once

#include <vector>

#include "ui/ui_state.hpp"

namespace atlas {

// The window's size in points and its framebuffer pixels per point.
struct Screen {
    float width = 0, height = 0;
    float pixel_ratio = 1;
};

// The control panel, the timeline, the Tour panel (with `scenes`; null: no map, no tour), and the
// prompts about unsaved and recovered tour edits. Gives the keyboard back to the map when the
// session asks (ui.release_keyboard).
void draw_controls(AppState& state, UiState& ui, std::vector<Scene>* scenes, const Screen& screen);

// The legend, the inspector, the article, the tooltip, the scale bar and the measured line; in the
// presentation, the annotations, the drawing hint and the scene number being typed.
void draw_overlays(const AppState& state, UiState& ui, const Screen& screen);

}  // namespace atlas
