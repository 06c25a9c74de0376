// The map's control panel and windows (Dear ImGui): projection, layers, cursor position, export,
// errors, article, tour editor. Reads and edits AppState and UiState; never draws map geometry,
// makes no GL calls and reaches files only through functions the application hands it.
#pragma once

#include <string>
#include <vector>

#include "ui/ui_state.hpp"

namespace atlas {

// The timeline along the bottom of the window: a day slider from 1992 to 2026, the article's
// date marked, events as ticks (hover: what happened; click: go there), previous/next event.
void draw_timeline(const AppState& state, UiState& ui, float window_width, float window_height);

// The legend of the membership overlays: exactly the classes visible (UiState::legend).
void draw_legend(const AppState& state, const UiState& ui, float window_width);

// The inspector of the selected entity: what it is, its memberships over time (or the place's
// dates, precision and source), and every passage that mentions it, with the notes.
void draw_inspector(const AppState& state, UiState& ui, float window_height);

// Over the map: the tooltip of what is under the mouse, the scale bar and the attribution line
// (just above the timeline), and the measured line.
void draw_map_overlay(const UiState& ui, float window_width, float window_height, const std::vector<Vec2>& measure_px);

// The quiz's window (ui.quiz.on): the question, then the verdict, the passage and the note that
// teach it and the next question; at the end the score and the missed questions. Its buttons set
// the quiz's requests.
void draw_quiz(UiState& ui, float window_width, float window_height);
// Over the map after a question about a place: the circle a click had to fall in, and the click.
void draw_quiz_marks(const UiState& ui);

// The article beside the map: title, author, citation, sections, passages and footnotes, wrapped,
// text size adjustable; the names of mapped entities are links (select and fly there); mentions of
// the selection and search hits highlighted; the selection's passages stepped through; notes beside
// the passages they concern; a passage's date sends the timeline there; Quote copies a passage.
void draw_article(const AppState& state, UiState& ui, float window_width, float window_height);

// What the presentation adds over the map and its caption (which the map's renderer draws,
// presentation_caption): the scene number being typed ("go to 3", large, top right), and a
// blanked screen, black.
void draw_presentation_overlay(const std::string& typed, bool blank, float window_width, float window_height);

// The Tour panel (ui.tour.open): the scenes in order; choosing one asks the application to go
// there (request_scene); Add makes a scene from the map's state (ui.tour.view and `state`) after
// the chosen one; Update overwrites the chosen one's view, projection, layers, date and highlight;
// its title and passage are edited in place; Delete, Move up and Move down; Save checks every
// scene as the loader does (tour_problems) and writes them with ui.tour.save, showing the outcome.
void draw_tour(const AppState& state, std::vector<Scene>& scenes, UiState& ui, float window_width, float window_height);

// While ui.tour.closing (the window was closed with unsaved scenes): a dialog asking what to do
// with them. "Save and quit" saves as Save does and returns true once saved (a failed save stays
// in the dialog with its message); "Quit without saving" returns true; "Cancel" (or Esc) clears
// ui.tour.closing. True: the atlas may close now.
bool draw_unsaved_tour_prompt(std::vector<Scene>& scenes, UiState& ui);
// With ui.tour.recovered set: asks whether to open the tour edits kept when a signal ended the
// last session, or discard them; sets request_recovered_open or request_recovered_discard.
void draw_recovery_prompt(UiState& ui);

// The Export window (ui.export_open): the folder in full (typed, or chosen in a folder chooser;
// "Open folder" asks for the file manager), the name, whose ending picks the format, and Export,
// at the top; then the size (screen and paper presets; a name newly ending in .pdf on a screen
// size takes A4 at 300 dpi, and the page's size in mm is shown), the title and decorations. Asks
// before a file is replaced (ui.export_confirm).
void draw_export(UiState& ui, float window_width, float window_height);

// The control panel for this frame: projection, layers, search, export, errors.
void draw_panel(const AppState& state, Layers& layers, UiState& ui, float window_height);

// Moves every panel that reaches past the window's edges back inside (the legend, which grows
// to the left of where it first appeared, was cut at the right edge; a smaller window, or a
// layout saved on a larger screen, left panels partly outside).
// With `last` (the size it was last called with, kept by the caller): a panel that was against
// the right or bottom edge moves with it when the window changes size.
void keep_windows_inside(float window_width, float window_height, UiState::Area* last = nullptr);

// The map's part of a window of this size, from where the panels are this frame: the window less
// the timeline at the bottom and the tall panels along the left and right sides (the control panel,
// the article, a legend grown tall, the tour's scenes, a moved or resized panel alike). The
// inspector and short panels float over the map and take nothing. Where the panels leave less than a quarter of the width, the
// whole window above the timeline.
UiState::Area free_map_area(float window_width, float window_height);

// Whether a window of the interface (a panel, a popup, a tooltip that takes the mouse) lies under
// the point (in window points), among the windows the last frame drew: a click or a wheel turn there
// is the interface's even when the pointer jumped onto it since that frame (ImGui's WantCaptureMouse
// still tells where the pointer was).
bool interface_covers(float x, float y);

}  // namespace atlas
