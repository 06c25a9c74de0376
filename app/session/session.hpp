// The application controller of the window, with no SDL and no GL: input events and the panels'
// requests in; the state updated (selection, flights, the presentation and its drawings, the tour's
// files); the Frame to draw and any export request out. The window (window_app.cpp) and the
// benchmark drive it the same way; the tests drive it with scripted events and a clock of their own.
//
// A frame of the loop:  set_viewport, input (each event, then a Pointer sample), the panels
// (ui/interface.hpp: draw_controls), update(now), draw_overlays, then draw frame() and run
// take_export(); the renderer uploads a new model (take_new_model) first.
#pragma once

#include <future>
#include <map>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/annotation.hpp"
#include "core/camera.hpp"
#include "core/frame.hpp"
#include "core/input.hpp"
#include "core/labels.hpp"
#include "core/overlay.hpp"
#include "core/quiz.hpp"
#include "core/tour.hpp"
#include "export/figure.hpp"
#include "geo/data_paths.hpp"
#include "geo/model.hpp"
#include "ui/ui_state.hpp"

namespace atlas {

// How the window starts (from the command line).
struct SessionOptions {
    DataPaths data;
    std::string projection = "albers";
    View view;
    // The view's region framed into the map's part of the window, beside the panels (false: the
    // view fills the whole window, as the same view's export does; for --view and --view-from).
    bool frame_view = true;
    Date date = kArticleDate;
    Layers layers;
    std::string select;            // selected at start, the map opening on it
    int present = 0;               // the presentation starts at this scene (1-based; 0: no)
    double flight_seconds = 1.6;   // a flight between scenes of the tour
    bool hover = true;             // false: no tooltip (a screenshot shows the map, not the pointer)
    bool quiz = false;             // the quiz starts with the window (Q in it)
    std::optional<unsigned> quiz_seed;  // its round (default: a new one each time)
    std::vector<std::string> user_layers;  // the user's own layers to open (--layer)
};

// An export the user asked for from the window: the state sized to the image and its decorations.
struct ExportJob {
    std::string path;
    AppState state;
    Figure figure;
};

class Session {
public:
    // `measure` measures text for labels and captions; it must outlive the session.
    Session(SessionOptions options, TextMeasure measure);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The loaded model (MapModel::load, typically on a worker while the window opens), or why the
    // map could not be read: the window then stays open with the error shown. Call once, after the
    // first set_viewport.
    void start(std::unique_ptr<MapModel> model);
    void fail(const std::string& why);

    void set_viewport(const Viewport& viewport);  // resize keeps the centre and the scale
    void input(const InputEvent& event);
    // Answers the panels' requests and the clicks, advances flights (by `now_ns`, a monotonic
    // clock), works out what is under the pointer, and rebuilds the frame if what it shows changed.
    void update(long long now_ns);

    const Frame* frame() const { return model_ ? &frame_ : nullptr; }  // null: no map
    int frames_built() const { return frames_built_; }                 // how often the frame was rebuilt
    // True once after the model arrived or was replaced (a new projection): the renderer uploads
    // its projected map and features before drawing the next frame.
    bool take_new_model();
    // The export the user asked for, checked (a bad size or resolution is reported in the panel).
    std::optional<ExportJob> take_export();
    void exported(const ExportJob& job, const std::string& error);  // the outcome, for the panel

    AppState& state() { return state_; }
    const AppState& state() const { return state_; }
    UiState& ui() { return ui_; }
    const MapModel* model() const { return model_.get(); }
    std::vector<Scene>* scenes() { return model_ ? &model_->tour : nullptr; }
    bool presenting() const { return player_ != nullptr; }
    // The scene the presentation shows (or flies to); the tour's size when it is not presenting.
    size_t presented_scene() const { return player_ ? player_->scene() : (model_ ? model_->tour.size() : 0); }
    bool flying() const { return flight_.active; }
    // Whether the map changes with no input: a flight, a projection being built on a worker, or a
    // view the user moved that is still drawn at the coarser detail of motion (see kSettleNs).
    // The window draws only on input while none is under way.
    bool animating() const { return flight_.active || reprojecting_.valid() || coarse_ || !opening_.empty(); }
    // A view the user moves (drag, wheel, keys) is drawn one level of detail coarser
    // (kFlightDetailBias, as a flight is) until it has stayed still this long; then at full detail.
    static constexpr long long kSettleNs = 150'000'000;  // 150 ms: longer than a frame at 10 Hz
    bool running() const { return running_; }
    // The process's exit status once the window closes: 1 without a map or with problems in the data.
    int exit_code() const;
    void quit() { running_ = false; }

    // Ended by a signal: the tour's unsaved edits are written beside the tour file for the next
    // start to offer, and the outcome printed.
    void ended_by_signal();

    // The tooltip's lines for what is under framebuffer pixel `px` in the current frame: a symbol's
    // place, else a country and its standing on the day.
    std::vector<std::string> describe(Vec2 px) const;

private:
    struct Flight {
        bool active = false;
        Camera from, to;
        long long start_ns = 0;
        double seconds = 1.2;
        bool dated = false;  // the timeline moves too (between scenes of the tour)
        long day_from = 0, day_to = 0;
    };
    // What the frame shows; a frame is rebuilt only when this changes.
    struct FrameKey {
        Camera camera;
        Layers layers;
        float pixel_scale = 0;
        const MapModel* model = nullptr;
        Date date;
        std::string selected;
        std::vector<std::string> selected_members;
        int caption_scene = -1, fb_width = 0, fb_height = 0;
        bool coarse = false;  // drawn one level coarser: a flight, or a view the user is moving
        bool legend = false;  // the presentation's legend
        int quiz_step = -1;   // the class quiz's caption: which question, answered, finished (-1: none)
        int user_revision = 0;
        std::vector<std::string> user_hidden;
        bool operator==(const FrameKey& o) const;
    };

    // session_input.cpp
    void mouse(const InputEvent& e);
    void shortcut(const InputEvent& e);
    void pointer(const InputEvent& e);
    bool presentation_key(const InputEvent& e);
    // presenting.cpp
    void present(size_t scene, bool at_once);
    void stop_presenting();
    bool annotation_event(const InputEvent& e);
    bool annotation_key(const InputEvent& e, Annotations& set);
    void save_notes();
    Annotations& notes_of(size_t scene);
    void show_presentation(long long now_ns);
    // session_tour.cpp
    void tour_requests();
    // session_quiz.cpp
    bool quizzing() const { return quiz_.has_value(); }
    void start_quiz(unsigned seed);
    void end_quiz();
    void ask_quiz_question();
    void answer_quiz(Vec2 px);
    void quiz_requests();
    void describe_quiz();
    void reveal_quiz_answer();
    // The quiz shown to a class in the presentation (Q there): the question in the caption, the
    // answer shown by a key, the clicker's keys moving on.
    bool class_quiz() const { return presenting() && quizzing(); }
    bool class_quiz_key(const InputEvent& e);
    void show_class_answer();
    void show_quiz_answer(const std::string& first_country);
    const Frame& quiz_caption();
    // session.cpp
    void attach_ui();
    void list_problems();
    void reset_view();
    // The presenter's drawings that differ from their scenes' saved ones, copied into the scenes
    // (model_->tour) so that the tour's save writes them; how many scenes changed (named in
    // ui_.tour.ink_scenes).
    size_t ink_into_scenes();
    // The map's part of the viewport (framebuffer pixels; empty before the panels were laid out).
    Box map_area_px() const;
    void finish_reprojection();
    // The user's own layers (session_layers.cpp): a file is read on a worker, added once read; the
    // panel's requests (show, hide, label, close) answered; its rows kept up to date.
    void open_user_layer(const std::string& path);
    void user_layer_requests();
    void list_user_layers();
    std::vector<std::string> describe_user_layers(Vec2 px) const;
    void apply_requests();
    void click();
    void select(const std::string& id, bool fly_there);
    void go_to_scene(long long now_ns);
    void advance_flight(long long now_ns);
    void describe_view();
    void describe_day();
    void rebuild_frame();
    // The presentation's caption of `scene` for the viewport, laid out once for them.
    const Frame& caption(int scene);

    SessionOptions options_;
    TextMeasure measure_;
    Viewport viewport_;
    AppState state_;
    UiState ui_;
    std::unique_ptr<MapModel> model_;
    std::future<std::unique_ptr<MapModel>> reprojecting_;
    // A user's layer being read, and projected for the map's projection of the time, on a worker.
    struct OpenedLayer {
        std::shared_ptr<const UserLayer> layer;
        std::optional<ProjectedUserLayer> projected;
        std::string projected_for;  // the projection's id
    };
    struct Opening {
        std::string path;
        std::future<OpenedLayer> layer;
    };
    std::vector<Opening> opening_;
    int user_revision_ = 0;  // changes whenever a user's layer is added, closed or relabelled
    bool new_model_ = false;
    bool running_ = true;
    int frames_ = 0, frames_built_ = 0;
    long long now_ns_ = 0;
    // When the user last moved the view (update's clock), and whether the frame is still coarse.
    long long moved_ns_ = std::numeric_limits<long long>::min() / 2;
    bool coarse_ = false;

    // The pointer and the mouse buttons.
    std::optional<Vec2> pointer_;  // where it is (points), when over the map
    Vec2 cursor_map_{std::nan(""), 0};
    bool dragging_ = false, pressed_on_map_ = false;
    Vec2 press_at_{0, 0};
    std::optional<Vec2> click_at_;  // a click on the map this frame (points)
    bool select_without_flight_ = false;  // a click selects where the user is looking
    bool jump_ = false;                   // the next selection moves the camera at once
    bool home_pending_ = false;           // the start's view waits for the panels' places to be framed
    UiState::Area home_area_;             // ... and was last framed into this part of the window

    Flight flight_;
    std::optional<Date> overlay_day_;
    Overlay overlay_;
    std::pair<Date, std::vector<int>> legend_key_;
    std::optional<FrameKey> frame_key_;
    Frame frame_, caption_frame_;
    std::optional<std::tuple<int, int, int>> caption_of_;  // scene, width, height of caption_frame_

    // The presentation: the tour's scenes, driven by a clicker; the presenter's drawings, one set
    // per scene by the scene's id (so that the Tour panel's moves and deletions keep each with its
    // scene), the tool, whether drawing is on, and the last save's outcome shown for a while.
    std::unique_ptr<TourPlayer> player_;
    int go_to_scene_ = -1;
    bool scene_jump_ = false;  // ... at once (the presentation's first scene from --present)
    std::map<std::string, Annotations> notes_;
    AnnotationEditor editor_;
    bool drawing_ = false;
    bool presentation_legend_ = true;  // L in the presentation hides and shows it
    // What the user had before the presentation, given back when it ends: the layers, the
    // selection, the day and the view (in its projection).
    struct BeforePresenting {
        Layers layers;
        std::string selected;
        Date date;
        View view;
        std::string projection;
    };
    std::optional<BeforePresenting> before_presenting_;
    std::string notes_message_;

    // The quiz: its round, the question asked, where the last answer's click was (lon/lat), and
    // what the user had before it (the layers, the selection, the day and the view, given back when
    // it ends; while a question is asked what would give answers away is hidden).
    std::optional<QuizRound> quiz_;
    size_t quiz_at_ = 0;
    Vec2 quiz_click_{std::nan(""), std::nan("")};
    int quiz_reveal_in_ = -1;  // frames until the answer's place is brought into view (-1: none)
    struct BeforeQuiz {
        Layers layers;
        std::string selected;
        Date date;
        Vec2 centre;
        double metres_per_px = 0;
    };
    std::optional<BeforeQuiz> before_quiz_;
    bool quiz_pending_ = false;  // --quiz or Q: a round starts at the next update
    // The class quiz's caption, and for which question, state and screen it was laid out.
    Frame quiz_caption_frame_;
    std::optional<std::tuple<int, int, int, int>> quiz_caption_of_;
    bool notes_message_error_ = false;
    long long notes_message_until_ = 0;
};

// Where unsaved tour edits go when a signal ends the window: beside the file Save writes, as a .csv
// (GDAL's CSV driver needs the name to read it back): tour.csv -> tour.recovered.csv.
std::string recovery_path(const std::string& tour_save);

}  // namespace atlas
