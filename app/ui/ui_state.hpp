// What the panels show and what they ask the application to do: plain state, no ImGui. The
// session (app/session/) fills it in and answers its requests; the panels (ui/panel.hpp) draw it.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/annotation.hpp"
#include "core/article.hpp"
#include "core/decorations.hpp"
#include "core/explore.hpp"
#include "core/frame.hpp"
#include "core/overlay.hpp"
#include "core/timeline.hpp"
#include "core/tour.hpp"

struct ImFont;

namespace atlas {

struct ProjectionChoice {
    std::string id;
    std::string label;
};

// The timeline's height along the bottom, in logical pixels at scale 1.
inline constexpr float kTimelineHeight = 92.0f;

// What the presentation shows over the map and its caption (the renderer draws those).
struct PresentationView {
    bool on = false;
    std::string typed;               // the scene number being typed
    bool blank = false;              // the screen blanked
    std::vector<ScreenShape> shapes;  // the scene's annotations, on screen (framebuffer pixels)
    bool hint = false;               // the drawing tool's hint is shown
    bool drawing = false;            // ... drawing is on
    ShapeKind tool = ShapeKind::Freehand;
    Rgba colour;
    std::string message;  // the last save's outcome, shown for a while
    bool message_error = false;
    float annotation_scale = 1;  // framebuffer pixels per window point
};

// A layer of the user's own, as the panel lists it (the session fills these in).
struct UserLayerRow {
    std::string id, name;  // UserLayer::id (the file's path) and its file name
    Rgba colour;
    std::size_t features = 0;
    std::vector<std::string> fields;  // attributes a label can be taken from
    std::string label_field;          // "" for none
    std::vector<std::string> notes;   // what the reader assumed
};

// The panel's requests about the user's layers, answered by the session in its next update.
struct UserLayerRequests {
    std::string path;                  // the file name typed in "Open a layer"
    bool open = false;                 // "Open" was pressed (or Enter in the field)
    std::vector<std::string> opening;  // files being read now
    std::string error;                 // the last open's failure, shown under the field
    std::string remove;                // a layer's id to close
    std::string toggle;                // a layer's id to show or hide
    std::string label_of, label_field;  // a layer's id and its new label field ("" none)
    bool label = false;
};

// What the panels show and what they ask the application to do.

struct UiState {
    std::vector<UserLayerRow> user_layers;  // in the order opened
    UserLayerRequests layer_requests;
    float scale = 1;  // the interface's scale (the display's DPI / 96, or --ui-scale): fixed sizes grow by it
    std::vector<ProjectionChoice> projections;
    std::optional<Vec2> cursor_lonlat;       // under the mouse, if it is over the map
    std::string cursor_country;              // name of the country under the mouse, if any
    std::string cursor_note;                 // its note for students (Baikonur's lease, ...), if any
    std::string status;                      // last message (export written, ...)
    std::vector<std::string> errors;         // shown in red until dismissed
    std::string no_map;                      // why there is no map at all (its data could not be read)
    std::vector<std::string> data_problems;  // the data check's report, "file:line: what is wrong"
    std::string data_folder;                 // where those files are
    bool busy = false;                       // a projection change is running
    // The Export window (Ctrl+E): the file goes into export_folder (shown in full; the desktop's
    // Pictures folder at first) under the name export_path (a full path is taken as it is).
    bool export_open = false;
    bool focus_export = false;     // the window comes to the front with the name's field focused
    std::string export_folder;
    std::string home_folder, pictures_folder;  // the folder chooser's shortcuts
    int export_width = 3840;
    int export_height = 2160;
    std::string export_path = "ca-atlas.png";
    std::string export_ending;     // the name's ending last seen (a new .pdf takes a sheet's size)
    int export_dpi = 0;  // print resolution (0: a screen image, text scaled by the height)
    std::string export_confirm;    // a file the export would replace: the window asks first
    bool export_replace = false;   // the user said to replace it
    std::string written_path;      // the last file written, in full
    std::string export_error;      // why the last export failed (also in `errors`); "" after one worked
    // The file an export writes: its name in its folder, or the name where it is a full path.
    std::string export_file() const {
        const std::filesystem::path name(export_path);
        if (name.is_absolute() || export_folder.empty()) return name.string();
        return (std::filesystem::path(export_folder) / name).string();
    }
    // The folder chooser of the Export window.
    struct FolderChooser {
        bool open = false;                 // open it next frame
        std::string folder;                // the folder looked at
        std::string listed;                // the folder `entries` lists
        std::vector<std::string> entries;  // its subfolders
        std::string error;                 // why it could not be read
        // The subfolders of a folder, sorted, hidden ones left out; throws saying why it cannot
        // be read (subfolders, platform/folders.hpp).
        std::function<std::vector<std::string>(const std::string&)> subfolders;
    } folder_chooser;
    // The exported figure's decorations (see core/decorations.hpp).
    std::string export_title;
    bool export_legend = true, export_scale_bar = true, export_attribution = true, export_citation = false;
    std::string export_caption;  // a passage id, quoted along the bottom; empty: none
    // Timeline and legend.
    std::vector<TimelineEvent> events;  // ticks on the timeline
    std::vector<LegendEntry> legend;    // the classes visible in the view on the current date
    std::vector<SymbolKey> symbol_keys;  // the kinds of symbol the map shows now
    std::vector<Decorations::UserLayerKey> user_layer_keys;  // the user's layers it shows in view
    OverlayStyle overlay_style;
    // What the map holds, for search and the inspector (null until loaded).
    const Facts* facts = nullptr;
    const World* world = nullptr;
    const Article* article = nullptr;
    const SearchIndex* search_index = nullptr;
    const MapFeatures* features = nullptr;  // the northern border's lengths, for the inspector
    std::string search;                // the search box's text
    bool focus_search = false;         // Ctrl+F: put the keyboard in the search box
    bool search_active = false;        // the search box has the keyboard (set by draw_panel)
    std::vector<std::string> hover;    // tooltip lines for what is under the mouse
    bool measuring = false;            // clicks on the map set the measured points
    std::vector<Vec2> measure_points;  // lon/lat, at most two
    std::string measure_text;          // "1,234.5 km, bearing 72.4 deg"
    std::string measure_label;         // the distance written on the measured line ("1235 km")
    std::vector<Vec2> measure_px;      // the measured points on screen (logical px)
    std::string scale_label;           // the scale bar's distance
    float scale_px = 0;                // and its length in logical pixels
    std::string attribution;           // data sources and the article's citation
    // The article panel.
    bool article_open = true;
    int article_placing = -1;  // frames left to place the article under the legend (-1: not yet known)
    float article_scale = 1.0f;                // text size, 0.8 to 2
    // The article's text is drawn in a font rasterised at its size (the window builds it):
    // article_font, built at article_font_scale, nullptr where there is none; the panel asks for
    // article_font_wanted, the size once its slider is let go.
    ImFont* article_font = nullptr;
    float article_font_scale = 1.0f;
    float article_font_wanted = 1.0f;
    std::string article_search;                // full-text search
    std::vector<TextHit> article_hits;         // its hits, in article order
    int article_hit = 0;                       // the hit the panel is on
    int article_hit_shown = -1;                // the hit last brought into view
    int scroll_to = -1;                        // passage index to bring into view next frame
    std::string article_selected;              // the selection the passage list below belongs to
    std::vector<std::string> entity_passages;  // passages linked to the selection, article order
    int entity_passage = 0;                    // the one the panel is on
    int entity_passage_shown = 0;              // the one last brought into view
    // Where each link and quote button was drawn in the last frame (screen pixels), so that what
    // is clicked can be told (and tests can click them).
    struct Spot {
        std::string passage, entity;  // entity empty: the passage's Quote button
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    };
    std::vector<Spot> spots;
    Spot search_box;  // the article's search field
    // Height of each passage as last laid out, and the width and text size it was laid out at: a
    // passage out of view is skipped with a space of its height (the text is 5,000 words).
    std::vector<float> passage_heights;
    float heights_width = 0, heights_scale = 0;
    std::string copied;          // the last quotation copied
    std::string copied_passage;  // ... and its passage's id
    std::string link_passage;    // the passage whose link was just clicked ("" none)
    // The Tour panel (T): the guided tour's scenes, edited in place and saved to tour.csv.
    struct TourEditor {
        bool open = false;
        std::optional<size_t> current;  // the scene chosen in the list
        std::string new_title;          // the title typed for the next scene added
        std::string new_passage;        // its caption: the default until one is chosen
        bool new_passage_chosen = false;
        std::string passage_filter;         // typed in the passage list to narrow it
        bool scroll_to_current = false;     // the list brings the chosen scene into view
        bool unsaved = false;               // the scenes differ from the file
        size_t ink_scenes = 0;              // ... of which this many by the presenter's drawings
        bool closing = false;               // the atlas is asked to close with them unsaved
        std::string message;                // the last save's outcome, or why nothing was saved
        bool failed = false;                // ... an error
        std::vector<std::string> problems;  // what keeps the scenes from saving, "scene 3 (id): ..."
        std::string path;                   // where Save writes (the user's tour.csv, or --data's)
        std::string shipped;                // the shipped tour, when Save writes elsewhere ("" with --data)
        bool using_own = false;             // the scenes are the user's saved copy, not the shipped tour
        bool request_shipped = false;       // "Back to the shipped tour": the application reloads it
        std::string recovered;              // unsaved edits a signal kept last time ("" none): offered
        bool request_recovered_open = false, request_recovered_discard = false;  // the offer's answer
        View view;                          // what the map shows now (set by the application each frame)
        // Writes the scenes to a path, atomically, keeping a backup; throws on failure (save_tour).
        std::function<void(const std::string&, const std::vector<Scene>&)> save;
        // Where the controls were drawn in the last frame (screen pixels), by name: "add", "update",
        // "delete", "up", "down", "save", "title", "new-title", "passage", "new-passage",
        // "scene:N" (N from 0); so tests can click them.
        struct Rect {
            float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        };
        std::map<std::string, Rect> spots;
    };
    TourEditor tour;
    // The tour as a video (the Tour window's "Video"): written by a second ca-atlas process
    // (--export-video) so that the map stays live; its progress, and Cancel, which leaves no file.
    struct VideoExport {
        bool open = false;             // the Tour window shows the video's settings
        std::string path;              // the file ("" until first shown: tour.mp4 in the Export folder)
        int size = 1;                  // of kVideoSizes
        int fps = 30;
        float hold_seconds = 8;        // each scene, once landed
        bool running = false;
        long long frame = 0, total = 0;  // the frames written and to write
        std::string message;           // the last video's outcome, or why it failed
        bool failed = false;
        bool request_start = false, request_cancel = false;
        std::map<std::string, TourEditor::Rect> spots;  // "video", "write", "cancel", "path": for tests
    };
    static constexpr std::array<std::array<int, 2>, 3> kVideoSizes{{{1280, 720}, {1920, 1080}, {3840, 2160}}};
    VideoExport video;
    // Where the Export window's controls were drawn in the last frame, as the tour's spots:
    // "folder", "choose", "open-folder", "name", "export", "format", "size", "open-written".
    std::map<std::string, TourEditor::Rect> export_spots;
    PresentationView presentation;
    // The quiz (Q): the question asked and, once answered, its verdict and what teaches it.
    struct QuizView {
        bool on = false;
        unsigned seed = 0;               // the round's: the same number gives a class the same round
        int number = 0, count = 0;       // the question asked (from 1) of the round's
        std::string question;
        bool answered = false, right = false;
        std::string verdict;             // "Right: Uzbekistan." / "Not this one: ... The answer: ..."
        std::string quote, source;       // the passage that teaches it, quoted, and where it is from
        std::string note;                // a note on it (not the author's words), "" if none
        int score = 0;                   // right answers so far
        bool finished = false;           // the round is over: the score and the review
        std::vector<std::string> missed; // the review: each missed question with its answer
        std::vector<std::string> skipped;  // the kinds of question the data could not make, and why
        // On the map, after an answer (window points): the right place's point and the circle a
        // click had to fall in, and where the click was; empty for a country's question.
        std::vector<Vec2> marks_px;      // [answer, click] where known
        float circle_px = 0;             // the tolerance's radius on screen
        bool request_next = false, request_new_round = false, request_close = false;
        std::map<std::string, TourEditor::Rect> spots;  // "next", "new-round", "close": for tests
    };
    QuizView quiz;
    bool release_keyboard = false;  // the panels give the keyboard back to the map this frame
    // The part of the window where the map is seen, beside the panels and above the timeline
    // (window points; empty until the panels were first laid out): Home and a selection frame
    // into it, the scale bar and the attribution sit in it.
    struct Area {
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        bool empty() const { return x1 <= x0 || y1 <= y0; }
        friend bool operator==(const Area&, const Area&) = default;
    };
    Area map_area;
    Area laid_out;  // the window's size (points) the panels were last kept inside
    bool offer_recovery = false;    // the recovery prompt may be shown (not over the first frames)
    // Requests for the application, cleared by it once handled.
    std::optional<size_t> request_scene;  // go to this scene of the tour: its state, and a flight to its view
    std::optional<Date> request_date;
    std::optional<std::string> request_select;  // select this entity and fly to it ("" clears)
    std::optional<std::string> request_projection;
    bool request_export = false;
    std::string request_open_folder;  // open this folder in the desktop's file manager
    bool request_reset_view = false;
    bool request_quit = false;  // the unsaved-tour prompt let the window close
};

}  // namespace atlas
