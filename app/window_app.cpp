// The interactive atlas: the main loop of the window, read top to bottom as
// init, loop (poll, new frame, build UI, render, swap), shutdown in reverse.
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <array>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <future>
#include <optional>
#include <random>

#include "core/annotation.hpp"
#include "core/errors.hpp"
#include "core/explore.hpp"
#include "core/style.hpp"
#include "core/timeline.hpp"
#include "core/tour.hpp"
#include "export/export.hpp"
#include "geo/facts_load.hpp"
#include "geo/furniture.hpp"
#include "geo/geodesic.hpp"
#include "geo/project.hpp"
#include "geo/projection.hpp"
#include "geo/raster.hpp"
#include "modes.hpp"
#include "platform/window.hpp"
#include "render/font.hpp"
#include "ui/annotation_view.hpp"
#include "ui/panel.hpp"

namespace atlas {

namespace {

// Keyboard pan step as a fraction of the view, and zoom step per key press or wheel notch.
constexpr double kKeyPanFraction = 0.1;
constexpr double kZoomStep = 1.25;

struct FrameKey {
    Camera camera;
    Layers layers;
    float pixel_scale;
    const MapModel* model;
    Date date;
    std::string selected;
    std::vector<std::string> selected_members;
    bool operator==(const FrameKey& o) const {
        return camera.centre == o.camera.centre && camera.metres_per_px == o.camera.metres_per_px &&
               camera.width_px == o.camera.width_px && camera.height_px == o.camera.height_px && layers == o.layers &&
               pixel_scale == o.pixel_scale && model == o.model && date == o.date && selected == o.selected &&
               selected_members == o.selected_members;
    }
};

volatile std::sig_atomic_t g_stop_signal = 0;

// Random input from a seed (--random-input): what a class of 30 does to a projector's laptop,
// fed through SDL's queue as the events a user's mouse and keyboard make. The pointer itself is
// moved (SDL_WarpMouseInWindow), so hover and drags see it as they see a real one.
class RandomInput {
public:
    RandomInput(unsigned seed, int events) : rng_(seed), left_(events) {}
    bool done() const { return left_ <= 0; }
    int fed() const { return fed_; }
    void feed(SDL_Window* window, int per_frame) {
        int w = 0, h = 0;
        SDL_GetWindowSize(window, &w, &h);
        for (int i = 0; i < per_frame && left_ > 0; ++i, --left_, ++fed_) {
            SDL_Event ev{};
            const int kind = pick(100);
            if (kind < 35) {  // move, a drag when a button is held
                x_ = std::clamp(x_ + pick(241) - 120, 0, std::max(0, w - 1));
                y_ = std::clamp(y_ + pick(241) - 120, 0, std::max(0, h - 1));
                if (pick(10) == 0) {
                    x_ = pick(std::max(1, w));
                    y_ = pick(std::max(1, h));
                }
                SDL_WarpMouseInWindow(window, x_, y_);
                continue;
            }
            if (kind < 55) {  // press or release a button where the pointer is
                const bool down = !held_ || pick(3) == 0;
                ev.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
                ev.button.windowID = SDL_GetWindowID(window);
                ev.button.button = pick(5) == 0 ? SDL_BUTTON_RIGHT : SDL_BUTTON_LEFT;
                ev.button.state = down ? SDL_PRESSED : SDL_RELEASED;
                ev.button.clicks = 1;
                ev.button.x = x_;
                ev.button.y = y_;
                held_ = down;
            } else if (kind < 65) {  // the wheel
                ev.type = SDL_MOUSEWHEEL;
                ev.wheel.windowID = SDL_GetWindowID(window);
                ev.wheel.y = pick(2) ? 1 : -1;
            } else if (kind < 80) {  // text typed into whatever has the keyboard
                static const char* const kText[] = {"a", "k", "Z", "7", " ", "Душанбе", "中", "ک", ",", "/"};
                ev.type = SDL_TEXTINPUT;
                ev.text.windowID = SDL_GetWindowID(window);
                std::snprintf(ev.text.text, sizeof ev.text.text, "%s", kText[pick(10)]);
            } else {  // a key the atlas or the panels use, pressed and released
                static const SDL_Keycode kKeys[] = {
                    SDLK_0,      SDLK_1,      SDLK_2,        SDLK_3,         SDLK_4,      SDLK_5,    SDLK_6,
                    SDLK_7,      SDLK_8,      SDLK_9,        SDLK_t,         SDLK_m,      SDLK_a,    SDLK_LEFTBRACKET,
                    SDLK_RIGHTBRACKET, SDLK_COMMA, SDLK_PERIOD, SDLK_HOME,    SDLK_ESCAPE, SDLK_TAB,  SDLK_RETURN,
                    SDLK_BACKSPACE, SDLK_DELETE, SDLK_LEFT,    SDLK_RIGHT,     SDLK_UP,     SDLK_DOWN, SDLK_PAGEUP,
                    SDLK_PAGEDOWN, SDLK_SPACE, SDLK_SLASH,   SDLK_F5,        SDLK_PLUS,   SDLK_MINUS, SDLK_b};
                const SDL_Keycode key = kKeys[pick(int(std::size(kKeys)))];
                for (const bool down : {true, false}) {
                    SDL_Event k{};
                    k.type = down ? SDL_KEYDOWN : SDL_KEYUP;
                    k.key.windowID = SDL_GetWindowID(window);
                    k.key.state = down ? SDL_PRESSED : SDL_RELEASED;
                    k.key.keysym.sym = key;
                    k.key.keysym.scancode = SDL_GetScancodeFromKey(key);
                    k.key.keysym.mod = pick(8) == 0 ? KMOD_LCTRL : KMOD_NONE;
                    SDL_PushEvent(&k);
                }
                continue;
            }
            SDL_PushEvent(&ev);
        }
    }

private:
    int pick(int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng_)); }
    std::mt19937 rng_;
    int left_ = 0, fed_ = 0;
    int x_ = 400, y_ = 300;
    bool held_ = false;
};

// Where unsaved tour edits go when a signal ends the window: beside the file Save writes.
// A .csv name, which GDAL's CSV driver needs to read it back: tour.csv -> tour.recovered.csv.
std::string recovery_path(const std::string& tour_save) {
    if (tour_save.empty()) return "";
    std::filesystem::path p(tour_save);
    return (p.parent_path() / (p.stem().string() + ".recovered.csv")).string();
}

}  // namespace

int run_window(const Options& o) {
    const long long t_start = monotonic_ns();
    // A finger or a pen on a touch screen arrives as the mouse (SDL's default, relied on by drawing).
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    // SIGTERM and SIGINT end the window at the next frame whatever it shows (SDL's own handlers turn
    // them into a close request, which waits on the unsaved-tour question).
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction stop {};
    stop.sa_handler = [](int signal) { g_stop_signal = signal; };
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTERM, &stop, nullptr);
    sigaction(SIGINT, &stop, nullptr);
    try {
        init_video();  // before the loader thread starts (see init_video)
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
        return 1;
    }
    // Loading and projecting run on a worker while the window and GL start.
    std::future<std::unique_ptr<MapModel>> loading = std::async(std::launch::async, [&] {
        if (!o.data.problem.empty()) throw DataError(o.data.problem);
        return MapModel::load(o.data.dir, o.projection, std::nullopt, o.data.tour, o.data.shipped);
    });

    std::unique_ptr<Window> window;
    std::unique_ptr<Font> font;
    std::unique_ptr<Renderer> renderer;
    try {
        UiLook look;
        const FontFile ui_font = find_font(kUiFont);
        look.font_path = ui_font.path;
        look.font_index = ui_font.index;
        // Chinese in the panels, when there is some, from the font fontconfig falls back on for it
        // (fonts-wqy-microhei).
        const FontChain ui_fonts(kUiFont);
        if (const int cjk = ui_fonts.first_with(U'中'); cjk > 0) {
            look.cjk_path = ui_fonts.file(size_t(cjk)).path;
            look.cjk_index = ui_fonts.file(size_t(cjk)).index;
        }
        look.scale = o.ui_scale;
        window = std::make_unique<Window>("Central Asia Security Atlas", o.width > 0 ? o.width : 1280,
                                          o.height > 0 ? o.height : 800, !o.exit_after_first_frame, look);
        require_gl33();
        font = std::make_unique<Font>();
        renderer = std::make_unique<Renderer>(*font);
        renderer->warm_up();  // software GL compiles shaders at first draw: do it while data loads
    } catch (const std::exception& e) {
        loading.wait();
        renderer.reset();
        font.reset();
        window.reset();
        quit_video();
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
        return 1;
    }
    const TextMeasure measure = measure_with(font->shaper());

    UiState ui;
    ui.scale = window->ui_scale();
    for (const auto& p : projections()) ui.projections.push_back({p.id, p.label});
    AppState state;
    state.projection = o.projection;
    state.date = o.date;
    state.layers = o.layers;
    std::unique_ptr<MapModel> model;
    bool jump = false;  // the next selection moves the camera at once
    // The presentation mode: the tour's scenes, full screen, driven by a clicker.
    bool presenting = false;
    std::unique_ptr<TourPlayer> player;
    int go_to_scene = -1;     // a scene of the tour to fly to this frame
    bool scene_jump = false;  // ... at once (the presentation's first scene from --present)
    // The presenter's annotations: one set per scene, by the scene's id so that the tour editor's
    // moves and deletions keep each drawing with its scene (the saved ones to begin with), the
    // tool, whether drawing is on, and the last save's result shown for a while.
    std::map<std::string, Annotations> notes;
    AnnotationEditor editor;
    bool drawing = false;
    std::string notes_message;
    bool notes_message_error = false;
    long long notes_message_until = 0;
    constexpr double kNotesMessageSeconds = 4;  // long enough to read a line
    // The drawing of scene i (what was saved with it until the presenter draws).
    auto notes_of = [&](size_t i) -> Annotations& {
        const Scene& sc = model->tour[i];
        return notes.try_emplace(sc.id, sc.annotations).first->second;
    };
    // The data check's problems in the panel. It is narrow: the files within the data folder are
    // named relative to it, the folder once above.
    auto list_problems = [&] {
        ui.data_problems.clear();
        for (DataProblem shown : model->problems) {
            const std::string prefix = o.data.dir + "/";
            if (shown.at.file.rfind(prefix, 0) == 0) shown.at.file.erase(0, prefix.size());
            ui.data_problems.push_back(shown.str());
        }
    };
    try {
        model = loading.get();
        renderer->upload(model->projected);
        renderer->upload_features(model->features);
        // Names this machine's fonts cannot draw are listed with the data's problems.
        if (model->facts) {
            for (auto& p : unrenderable_text(*model->facts, model->tour, font->shaper()))
                model->problems.push_back(std::move(p));
            sort_by_place(model->problems);
        }
        // Broken fact tables leave the map working: the window lists every problem.
        for (const auto& p : model->problems) std::fprintf(stderr, "%s\n", p.str().c_str());
        list_problems();
        for (const Scene& sc : model->tour) window->cover_text(sc.title);  // the Tour window lists them
        ui.data_folder = o.data.dir;
        // The Tour panel writes the scenes into the user's folder (or --data's), atomically, keeping a
        // backup; the user's copy is then read instead of the shipped tour, which stays one click away.
        ui.tour.path = o.data.tour_save;
        ui.tour.shipped = o.data.tour_save == o.data.shipped_tour() ? "" : o.data.shipped_tour();
        ui.tour.using_own = o.data.user_tour;
        // Edits a signal kept last time are offered (draw_recovery_prompt).
        if (const std::string kept = recovery_path(o.data.tour_save); !kept.empty() && std::filesystem::exists(kept))
            ui.tour.recovered = kept;
        ui.tour.save = save_user_tour;
        if (model->facts && model->world) ui.events = timeline_events(*model->facts, *model->world);
        if (!o.select.empty()) {
            ui.request_select = o.select;
            jump = true;  // at start the map opens on the selection, without a flight
        }
        if (o.present > 0 && size_t(o.present) > model->tour.size()) {
            const std::string why = "no scene " + std::to_string(o.present) + " to present: the tour has " +
                                    std::to_string(model->tour.size());
            std::fprintf(stderr, "ca-atlas: %s\n", why.c_str());
            ui.errors.push_back(why);
        } else if (o.present > 0) {
            presenting = true;
            // A screenshot is of the window at its own size (and full screen needs a window manager).
            if (o.window_screenshot.empty()) window->set_fullscreen(true);
            player = std::make_unique<TourPlayer>(model->tour.size());
            for (char c : std::to_string(o.present)) player->key(TourKey::Digit, c - '0');
            player->key(TourKey::Enter);
            go_to_scene = int(player->scene());
            scene_jump = true;
        }
        ui.facts = model->facts.get();
        ui.world = model->world.get();
        ui.search_index = model->search.get();
        ui.features = &model->features;
        ui.article = model->article.get();
        ui.attribution = kAttribution;
    } catch (const std::exception& e) {
        // The window stays open with the error shown, so the user can read it and quit.
        ui.errors.push_back(e.what());
        ui.no_map = e.what();
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
    }
    const long long t_loaded = monotonic_ns();

    int fb_w = 0, fb_h = 0;
    window->drawable_size(fb_w, fb_h);
    auto reset_view = [&] {
        if (model) state.camera = camera_for_view(*model->projection, o.view, fb_w, fb_h);
    };
    reset_view();

    std::future<std::unique_ptr<MapModel>> reprojecting;
    Vec2 cursor_map{std::nan(""), 0};
    std::optional<FrameKey> frame_key;
    std::array<int, 3> frame_caption{-1, 0, 0};  // the presentation caption's scene and screen in `frame`
    Frame caption_frame;                          // ... laid out once for them (presentation_caption)
    std::pair<Date, std::vector<int>> legend_key;
    Frame frame;
    bool dragging = false, running = true, first = true;
    Vec2 press_at{0, 0};  // where the left button went down (logical px), to tell a click from a drag
    bool pressed_on_map = false;
    bool clicked = false;  // a click on the map this frame, at click_at (logical px)
    Vec2 click_at{0, 0};
    // A flight: the camera moves from `from` to `to`, zooming out and in on the way.
    struct Flight {
        bool active = false;
        Camera from, to;
        long long start_ns = 0;
        double seconds = 1.2;
        bool dated = false;  // the timeline moves too (between scenes of the tour)
        long day_from = 0, day_to = 0;
    } flight;
    constexpr float kPresentationScale = 1.5f;  // labels, symbols and lines, for the back row
    std::optional<Date> overlay_day;
    Overlay overlay;
    bool select_without_flight = false;  // a click selects where the user is looking: no flight
    // ImGui lays out a new auto-sized window on its first frame and shows it from the second:
    // the screenshot waits for the third so the panel is in it.
    constexpr int kScreenshotFrame = 3;
    int frame_number = 0;
    std::unique_ptr<RandomInput> random =
        o.random_events > 0 ? std::make_unique<RandomInput>(o.random_seed, o.random_events) : nullptr;
    double random_settled_mib = 0;
    bool release_ui = false;  // Escape was pressed in the interface
    int exit_code = 0;

    // S in the presentation: the scene's annotations into the tour file, the other scenes as loaded.
    auto save_notes = [&] {
        const size_t i = player->scene();
        const std::string path = o.data.tour_save;
        notes_message_until = monotonic_ns() + (long long)(kNotesMessageSeconds * 1e9);
        notes_message_error = true;
        // A scene that could not be read is not in the tour: writing the tour would lose it.
        for (const auto& p : model->problems)
            if (std::filesystem::path(p.at.file).filename() == kTourFile) {
                notes_message = "Not saved: " + path + " has problems (ca-atlas --check-data lists them)";
                return;
            }
        std::vector<Scene> tour = model->tour;
        tour[i].annotations = notes_of(i);
        try {
            save_user_tour(path, tour);
            ui.tour.using_own = !ui.tour.shipped.empty();
            model->tour[i].annotations = notes_of(i);
            notes_message = "Saved " + std::to_string(notes_of(i).shapes.size()) + " annotations with scene " +
                            std::to_string(i + 1) + " in " + path;
            notes_message_error = false;
        } catch (const std::exception& e) {
            notes_message = e.what();
        }
    };
    // The presentation's annotation keys, and the pointer while drawing is on. True if the event was
    // the annotations' (the tour and the map do not see it).
    auto annotation_event = [&](const SDL_Event& ev, float ratio) -> bool {
        Annotations& set = notes_of(player->scene());
        auto keep = [&](std::optional<Shape> shape) {
            if (shape) set.shapes.push_back(std::move(*shape));
        };
        auto at = [&](int x, int y) {  // window points -> the editor's screen and lon/lat (NaN off the map)
            const Vec2 ll = model->projection->inverse(state.camera.to_map({x * ratio, y * ratio}));
            const bool on = std::isfinite(ll.x) && std::isfinite(ll.y) && std::abs(ll.x) <= 180 && std::abs(ll.y) <= 90;
            return std::pair{Vec2{double(x), double(y)}, on ? ll : Vec2{std::nan(""), std::nan("")}};
        };
        const bool ctrl = (SDL_GetModState() & KMOD_CTRL) != 0;
        if (editor.typing()) {
            if (ev.type == SDL_TEXTINPUT) {
                editor.type(ev.text.text);
                return true;
            }
            if (ev.type == SDL_KEYDOWN) {
                const SDL_Keycode k = ev.key.keysym.sym;
                if (k == SDLK_PAGEDOWN || k == SDLK_PAGEUP) {  // a clicker moves on: the text is kept
                    keep(editor.finish_text());
                    return false;
                }
                if (k == SDLK_RETURN || k == SDLK_KP_ENTER) keep(editor.finish_text());
                if (k == SDLK_BACKSPACE) editor.erase();
                if (k == SDLK_ESCAPE || (k == SDLK_z && ctrl)) editor.cancel();
                return true;  // every other key is the text's (it arrives as SDL_TEXTINPUT as well)
            }
        }
        if (ev.type == SDL_KEYDOWN) {
            // A tool's key chooses it and turns drawing on.
            constexpr std::pair<SDL_Keycode, ShapeKind> kToolKeys[] = {
                {SDLK_f, ShapeKind::Freehand}, {SDLK_a, ShapeKind::Arrow}, {SDLK_o, ShapeKind::Circle}, {SDLK_t, ShapeKind::Text}};
            for (const auto& [key, tool] : kToolKeys)
                if (ev.key.keysym.sym == key) {
                    editor.set_tool(tool);
                    drawing = true;
                    return true;
                }
            switch (ev.key.keysym.sym) {
                case SDLK_d:
                    drawing = !drawing;
                    editor.cancel();
                    return true;
                case SDLK_k: {  // the next colour
                    const auto& colours = annotation_colours();
                    const auto it = std::find(colours.begin(), colours.end(), editor.colour);
                    editor.colour = it == colours.end() || it + 1 == colours.end() ? colours.front() : *(it + 1);
                    return true;
                }
                case SDLK_z:
                    if (!ctrl) return false;
                    [[fallthrough]];
                case SDLK_BACKSPACE:
                    editor.undo(set);
                    return true;
                case SDLK_c:
                case SDLK_DELETE:
                    editor.cancel();
                    set.shapes.clear();
                    return true;
                case SDLK_s:
                    save_notes();
                    return true;
                default:
                    return false;
            }
        }
        if (!drawing) return false;
        const bool button = ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEBUTTONUP;
        const bool left = button && ev.button.button == SDL_BUTTON_LEFT;
        if (ev.type == SDL_MOUSEBUTTONDOWN && left && !ImGui::GetIO().WantCaptureMouse) {
            const auto [px, ll] = at(ev.button.x, ev.button.y);
            keep(editor.press(px, ll));
            return true;
        }
        if (ev.type == SDL_MOUSEMOTION && editor.dragging()) {
            const auto [px, ll] = at(ev.motion.x, ev.motion.y);
            editor.drag(px, ll);
            return true;
        }
        if (ev.type == SDL_MOUSEBUTTONUP && left && editor.dragging()) {
            const auto [px, ll] = at(ev.button.x, ev.button.y);
            keep(editor.release(px, ll));
            return true;
        }
        // The right or middle button pans while the left one draws.
        const bool other = button && (ev.button.button == SDL_BUTTON_RIGHT || ev.button.button == SDL_BUTTON_MIDDLE);
        if (ev.type == SDL_MOUSEBUTTONDOWN && other && !ImGui::GetIO().WantCaptureMouse) {
            dragging = true;
            flight.active = false;  // the presenter takes over
            return true;
        }
        if (ev.type == SDL_MOUSEBUTTONUP && other) {
            dragging = false;
            return true;
        }
        return false;
    };

    while (running) {
        if (g_stop_signal) {
            // Ended from outside: the tour's unsaved edits are kept for the next start to offer.
            const std::string keep = recovery_path(o.data.tour_save);
            if (model && ui.tour.unsaved && !keep.empty()) {
                try {
                    make_parent_folders(keep);
                    save_tour(keep, model->tour);
                    std::fprintf(stderr, "ca-atlas: ended by a signal; the tour's unsaved edits are kept in %s\n",
                                 keep.c_str());
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "ca-atlas: ended by a signal; the tour's unsaved edits are lost: %s\n", e.what());
                }
            }
            exit_code = 128 + int(g_stop_signal);
            break;
        }
        // Poll.
        const float ratio = window->pixel_ratio();
        if (random && model) {
            random->feed(window->sdl(), 6);
            if (random->fed() >= o.random_events / 10 && random_settled_mib == 0) random_settled_mib = resident_memory_mib();
            if (random->done()) {
                std::printf("random_input events=%d frames=%d resident_mib_after_tenth=%.1f resident_mib_end=%.1f "
                            "peak_mib=%.1f\n",
                            random->fed(), frame_number, random_settled_mib, resident_memory_mib(), peak_memory_mib());
                std::fflush(stdout);
                running = false;
            }
        }
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            ImGui_ImplSDL2_ProcessEvent(&ev);
            const ImGuiIO& io = ImGui::GetIO();
            if (ev.type == SDL_QUIT) {
                // Closing with unsaved scenes asks first (draw_unsaved_tour_prompt); a second close
                // request while it asks closes at once.
                if (model && ui.tour.unsaved && !ui.tour.closing)
                    ui.tour.closing = true;
                else
                    running = false;
            }
            if (!model) continue;
            Camera& cam = state.camera;
            if (presenting && player && player->scene() < model->tour.size() && annotation_event(ev, ratio)) continue;
            // A press or a wheel turn over a panel is the panel's, wherever the pointer was last frame:
            // asked at the event's own position (a press) or the pointer's (a wheel turn).
            int px = 0, py = 0;
            if (ev.type == SDL_MOUSEBUTTONDOWN) {
                px = ev.button.x;
                py = ev.button.y;
            }
            if (ev.type == SDL_MOUSEWHEEL) SDL_GetMouseState(&px, &py);
            const bool over_interface =
                io.WantCaptureMouse || ((ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEWHEEL) &&
                                        interface_covers(float(px), float(py)));
            if (!over_interface) {
                if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT) {
                    dragging = true;
                    pressed_on_map = true;
                    press_at = {double(px), double(py)};
                    flight.active = false;  // the user takes over
                }
                if (ev.type == SDL_MOUSEMOTION && dragging) cam.pan_px(ev.motion.xrel * ratio, ev.motion.yrel * ratio);
                if (ev.type == SDL_MOUSEWHEEL) cam.zoom_at({px * ratio, py * ratio}, std::pow(kZoomStep, ev.wheel.preciseY));
            }
            if (ev.type == SDL_MOUSEBUTTONUP && ev.button.button == SDL_BUTTON_LEFT) {
                dragging = false;
                const Vec2 up{double(ev.button.x), double(ev.button.y)};
                if (pressed_on_map && std::hypot(up.x - press_at.x, up.y - press_at.y) < 4) {
                    clicked = true;
                    click_at = up;
                }
                pressed_on_map = false;
            }
            // Enter in the search box selects the first hit (also where the interface's own key
            // mapping misses it), and gives the keyboard back to the map; Enter in any other field
            // (a scene's title, the article's search) is that field's.
            if (ev.type == SDL_KEYDOWN && (ev.key.keysym.sym == SDLK_RETURN || ev.key.keysym.sym == SDLK_KP_ENTER) &&
                ui.search_active && model && model->search && !ui.search.empty()) {
                const auto hits = model->search->find(ui.search, 1);
                if (!hits.empty()) ui.request_select = hits.front().id;
                release_ui = true;
            }
            // Escape in a window of the interface hands the keyboard back to the map.
            if (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_ESCAPE && io.WantCaptureKeyboard) release_ui = true;
            if (ev.type == SDL_KEYDOWN && presenting && player) {
                // A clicker sends Page Down / Page Up (or the arrows, or Space).
                const SDL_Keycode k = ev.key.keysym.sym;
                bool moved = false;
                if (k == SDLK_RIGHT || k == SDLK_PAGEDOWN || k == SDLK_SPACE) moved = player->key(TourKey::Next);
                if (k == SDLK_LEFT || k == SDLK_PAGEUP) moved = player->key(TourKey::Previous);
                if (k == SDLK_HOME) moved = player->key(TourKey::First);
                if (k >= SDLK_0 && k <= SDLK_9) player->key(TourKey::Digit, int(k - SDLK_0));
                if (k >= SDLK_KP_1 && k <= SDLK_KP_9) player->key(TourKey::Digit, int(k - SDLK_KP_1) + 1);
                if (k == SDLK_KP_0) player->key(TourKey::Digit, 0);
                if (k == SDLK_RETURN || k == SDLK_KP_ENTER) moved = player->key(TourKey::Enter);
                if (k == SDLK_b) player->key(TourKey::Blank);
                if (k == SDLK_ESCAPE) {
                    presenting = false;
                    window->set_fullscreen(false);
                    drawing = false;  // the drawings stay with their scenes for the next presentation
                    editor.cancel();
                }
                if (moved) {
                    go_to_scene = int(player->scene());
                    editor.cancel();  // a shape half drawn stays behind with its scene's map
                }
                continue;
            }
            if (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_F5 && model && !model->tour.empty()) {
                presenting = true;
                window->set_fullscreen(true);
                player = std::make_unique<TourPlayer>(model->tour.size());
                go_to_scene = 0;
                continue;
            }
            if (ev.type == SDL_KEYDOWN && !io.WantCaptureKeyboard) {
                const double step_x = cam.width_px * kKeyPanFraction, step_y = cam.height_px * kKeyPanFraction;
                const Vec2 mid{cam.width_px / 2.0, cam.height_px / 2.0};
                // 1 to 9 toggle the layers in the panel's order.
                if (const SDL_Keycode k = ev.key.keysym.sym; k >= SDLK_1 && k <= SDLK_9) {
                    bool Layers::*const layer = layer_members()[size_t(k - SDLK_1)];
                    state.layers.*layer = !(state.layers.*layer);
                }
                switch (ev.key.keysym.sym) {
                    case SDLK_ESCAPE:
                        ui.request_select = std::string();
                        break;
                    case SDLK_0:  // the article beside the map
                        ui.article_open = !ui.article_open;
                        break;
                    case SDLK_p: {  // the next projection
                        size_t i = 0;
                        while (i < ui.projections.size() && ui.projections[i].id != state.projection) ++i;
                        if (!ui.projections.empty())
                            ui.request_projection = ui.projections[(i + 1) % ui.projections.size()].id;
                        break;
                    }
                    case SDLK_a:
                        ui.request_date = kArticleDate;
                        break;        // the article's date
                    case SDLK_COMMA:  // a month back / forward
                    case SDLK_PERIOD: {
                        Date d = state.date;
                        d.month += ev.key.keysym.sym == SDLK_COMMA ? -1 : 1;
                        if (d.month < 1) d = {d.year - 1, 12, d.day};
                        if (d.month > 12) d = {d.year + 1, 1, d.day};
                        d.day = std::min(d.day, 28);
                        ui.request_date = d;
                        break;
                    }
                    case SDLK_e:
                        if (SDL_GetModState() & KMOD_CTRL) ui.request_export = true;
                        break;
                    case SDLK_SLASH:
                        ui.focus_search = true;
                        break;
                    case SDLK_t:  // the Tour panel
                        ui.tour.open = !ui.tour.open;
                        break;
                    case SDLK_m:
                        ui.measuring = !ui.measuring;
                        ui.measure_points.clear();
                        ui.measure_text.clear();
                        break;
                    case SDLK_f:
                        if (SDL_GetModState() & KMOD_CTRL) ui.focus_search = true;
                        break;
                    case SDLK_LEFTBRACKET:  // the previous event on the timeline
                        if (const auto* e = previous_event(ui.events, state.date)) ui.request_date = e->date;
                        break;
                    case SDLK_RIGHTBRACKET:  // the next event
                        if (const auto* e = next_event(ui.events, state.date)) ui.request_date = e->date;
                        break;
                    case SDLK_LEFT:
                        cam.pan_px(step_x, 0);
                        break;
                    case SDLK_RIGHT:
                        cam.pan_px(-step_x, 0);
                        break;
                    case SDLK_UP:
                        cam.pan_px(0, step_y);
                        break;
                    case SDLK_DOWN:
                        cam.pan_px(0, -step_y);
                        break;
                    case SDLK_PLUS:
                    case SDLK_EQUALS:
                    case SDLK_KP_PLUS:
                        cam.zoom_at(mid, kZoomStep);
                        break;
                    case SDLK_MINUS:
                    case SDLK_KP_MINUS:
                        cam.zoom_at(mid, 1 / kZoomStep);
                        break;
                    case SDLK_HOME:
                        reset_view();
                        break;
                    default:
                        break;
                }
            }
        }

        // Resize keeps the centre and the scale; more window shows more map.
        window->drawable_size(fb_w, fb_h);
        state.camera.width_px = std::max(fb_w, 1);
        state.camera.height_px = std::max(fb_h, 1);
        state.pixel_scale = ratio * ui.scale * (presenting ? kPresentationScale : 1.0f);

        // A finished projection change replaces the model, keeping the view's centre and ground scale.
        if (reprojecting.valid() && reprojecting.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            try {
                auto next = reprojecting.get();
                const View v = view_for_camera(*model->projection, state.camera);
                renderer->upload(next->projected);
                renderer->upload_features(next->features);
                next->article = model->article;
                next->problems = model->problems;
                next->tour = std::move(model->tour);  // the scenes, as edited, stay
                model = std::move(next);
                if (model->outline_selection(state)) renderer->upload_features(model->features);
                state.projection = model->projection->info().id;
                state.camera = camera_for_view(*model->projection, v, fb_w, fb_h);
            } catch (const std::exception& e) {
                ui.errors.push_back(e.what());
            }
            ui.busy = false;
        }

        // Build the UI.
        window->begin_imgui_frame();
        ui.cursor_lonlat.reset();
        if (model && !ImGui::GetIO().WantCaptureMouse) {
            int mx = 0, my = 0;
            SDL_GetMouseState(&mx, &my);
            const Vec2 at = state.camera.to_map({mx * ratio, my * ratio});
            const Vec2 ll = model->projection->inverse(at);
            if (std::isfinite(ll.x) && std::isfinite(ll.y) && std::abs(ll.y) <= 90 && std::abs(ll.x) <= 180)
                ui.cursor_lonlat = ll;
            if (!(at == cursor_map)) {  // look the country up only when the mouse moved
                cursor_map = at;
                const int c = model->country_at(at, state.date);
                ui.cursor_country = c < 0 ? "" : model->world->countries[size_t(c)].name;
                ui.cursor_note = c < 0 ? "" : model->world->countries[size_t(c)].note;
            }
        }
        if (!presenting) draw_panel(state, state.layers, ui);
        if (frame_number == 1 || release_ui) ImGui::SetWindowFocus(nullptr);  // the keyboard to the map
        release_ui = false;
        {
            int win_w = 0, win_h = 0;
            window->window_size(win_w, win_h);
            if (!presenting) draw_timeline(state, ui, float(win_w), float(win_h));
            // The Tour panel edits model->tour, which the presentation (F5) plays; a chosen scene is
            // shown like the presentation's next one.
            if (!presenting && model && ui.tour.open) {
                ui.tour.view = view_for_camera(*model->projection, state.camera);
                draw_tour(state, model->tour, ui, float(win_w), float(win_h));
                if (ui.request_scene) go_to_scene = int(*ui.request_scene);
                ui.request_scene.reset();
            }
            if (model && ui.tour.request_shipped) {
                ui.tour.request_shipped = false;
                try {
                    std::vector<DataProblem> problems;
                    model->tour = restore_shipped_tour(o.data.tour_save, o.data.shipped_tour(), problems);
                    // The user's tour's problems go with it; the shipped one's (if any) are listed.
                    std::erase_if(model->problems, [&](const DataProblem& p) { return p.at.file == o.data.tour_save; });
                    model->problems.insert(model->problems.end(), problems.begin(), problems.end());
                    list_problems();
                    notes.clear();
                    ui.tour.using_own = ui.tour.unsaved = ui.tour.failed = false;
                    ui.tour.current.reset();
                    ui.tour.message = "The shipped tour again; your edited tour is kept as " + o.data.tour_save + ".bak";
                } catch (const std::exception& e) {
                    ui.tour.message = e.what();
                    ui.tour.failed = true;
                }
            }
            if (model && draw_unsaved_tour_prompt(model->tour, ui)) running = false;
            // Not on the first frames: those give the keyboard to the map, which a modal forbids.
            if (model && !presenting && frame_number > 2) draw_recovery_prompt(ui);
            if (model && (ui.tour.request_recovered_open || ui.tour.request_recovered_discard)) {
                const std::string kept = ui.tour.recovered;
                try {
                    if (ui.tour.request_recovered_open) {
                        std::vector<DataProblem> problems;
                        auto scenes = load_tour_file(kept, problems);
                        // A file that does not read back whole replaces nothing and is kept.
                        if (!problems.empty() || scenes.empty())
                            throw DataError("the recovered edits in " + kept + " could not be read (" +
                                            (problems.empty() ? std::string("no scenes") : problems.front().str()) +
                                            "); the file is kept");
                        model->tour = std::move(scenes);
                        notes.clear();
                        ui.tour.current.reset();
                        ui.tour.unsaved = true;  // in memory until saved; a signal keeps it again
                        ui.tour.open = true;
                        ui.tour.message = "The recovered edits are open; Save writes them to " + o.data.tour_save;
                    }
                    std::filesystem::remove(kept);
                } catch (const std::exception& e) {
                    ui.tour.message = e.what();
                    ui.tour.failed = true;
                }
                ui.tour.recovered.clear();
                ui.tour.request_recovered_open = ui.tour.request_recovered_discard = false;
            }
            if (ui.request_date) {
                state.date = std::clamp(*ui.request_date, kTimelineStart, kTimelineEnd);
                ui.request_date.reset();
                // A selected organisation's members follow the day.
                if (model) {
                    model->show_members(state);
                    if (model->outline_selection(state)) renderer->upload_features(model->features);
                }
            }
            // What the day's overlay says, for the legend and the tooltip.
            if (model && model->facts && model->world && overlay_day != state.date) {
                overlay = overlay_on(*model->facts, *model->world, state.date);
                overlay_day = state.date;
            }
            // The legend lists the classes of the countries in view on the day.
            if (model && model->facts && model->world) {
                const std::vector<int> visible = model->countries_in(state.camera.visible(), state.date);
                if (!(legend_key.first == state.date) || legend_key.second != visible) {
                    ui.legend = legend(overlay, visible, ui.overlay_style);
                    legend_key = {state.date, visible};
                }
            }
            if (!presenting) draw_legend(state, ui, float(win_w));
            // A click on the map: measure, or select what is under it (a symbol first, then a country).
            if (presenting) clicked = false;
            if (model && clicked) {
                const Vec2 px{click_at.x * ratio, click_at.y * ratio};
                const Vec2 ll = model->projection->inverse(state.camera.to_map(px));
                if (ui.measuring) {
                    if (ui.measure_points.size() >= 2) ui.measure_points.clear();
                    if (std::isfinite(ll.x) && std::isfinite(ll.y)) ui.measure_points.push_back(ll);
                    if (ui.measure_points.size() == 2) {
                        const Course c = geodesic_course(ui.measure_points[0], ui.measure_points[1]);
                        char text[96];
                        std::snprintf(text, sizeof text, "%.1f km, initial bearing %.1f deg (geodesic, WGS84)",
                                      c.distance_m / 1000, c.bearing_deg);
                        ui.measure_text = text;
                    } else {
                        ui.measure_text = "Click the second point";
                    }
                } else {
                    const int sym = symbol_at(frame, px);
                    if (sym >= 0 && frame.symbols[size_t(sym)].place >= 0)
                        ui.request_select = model->features.places[size_t(frame.symbols[size_t(sym)].place)].place->id;
                    else if (const int r = region_at(model->features, frame, state.camera, px, 6.0 * ratio); r >= 0)
                        ui.request_select = model->features.regions[size_t(r)].id;
                    else {
                        const int c = model->country_at(state.camera.to_map(px), state.date);
                        ui.request_select = c < 0 ? std::string() : model->world->countries[size_t(c)].iso_a3;
                    }
                    select_without_flight = true;
                }
            }
            clicked = false;
            if (ui.request_select && model) {
                state.selected = *ui.request_select;
                state.selected_members.clear();
                model->show_members(state);  // an organisation's, that day
                if (model->outline_selection(state)) renderer->upload_features(model->features);
                if (!state.selected.empty() && !select_without_flight) {
                    // Fly to it: the bounds of its geometry, with a margin.
                    const Box target = model->bounds_of(state.selected, state.date);
                    if (!target.empty()) {
                        Camera to = state.camera;
                        to.centre = target.centre();
                        to.metres_per_px =
                            std::max(target.width() / (to.width_px * 0.7), target.height() / (to.height_px * 0.6));
                        flight = Flight{true, state.camera, to, monotonic_ns(), jump ? 1e-9 : 1.2};
                        jump = false;
                    }
                }
                ui.request_select.reset();
            }
            select_without_flight = false;
            // A scene of the tour: its state at once, its view and its day by a flight.
            if (model && go_to_scene >= 0 && size_t(go_to_scene) < model->tour.size()) {
                const Scene& sc = model->tour[size_t(go_to_scene)];
                const Date from_day = state.date;
                const std::string projection = state.projection;
                apply_scene(sc, state);
                state.projection = projection;  // a different projection is requested, not assumed
                model->show_members(state);
                if (sc.projection != model->projection->info().id && !reprojecting.valid())
                    ui.request_projection = sc.projection;
                if (model->outline_selection(state)) renderer->upload_features(model->features);
                Camera to = camera_for_view(*model->projection, sc.view, fb_w, fb_h);
                // The caption covers the bottom: the scene's centre goes to the middle of the rest.
                if (presenting) {
                    const Frame band = presentation_caption(*model, size_t(go_to_scene), fb_w, fb_h, measure,
                                                            std::max(1.0f, float(fb_h) / 1080.0f));
                    to.centre.y -= band.covered_bottom_px / 2.0 * to.metres_per_px;
                }
                flight = Flight{true,
                                state.camera,
                                to,
                                monotonic_ns(),
                                scene_jump ? 1e-9 : o.flight_seconds,
                                true,
                                days_from_civil(from_day),
                                days_from_civil(sc.date)};
                if (scene_jump) state.date = sc.date;
                scene_jump = false;
                go_to_scene = -1;
            }
            if (flight.active) {
                const double t = std::min(1.0, (monotonic_ns() - flight.start_ns) / 1e9 / flight.seconds);
                const double e = ease_in_out(t);
                fly(state.camera, flight.from, flight.to, e);
                if (flight.dated)
                    state.date = civil_from_days(flight.day_from + std::lround((flight.day_to - flight.day_from) * e));
                if (t >= 1) flight.active = false;
            }
            // Under the mouse: a symbol's place, or a country and where it stood that day.
            ui.hover.clear();
            // (Not in a screenshot: that is a figure of the map, not of where the mouse happens to be.)
            if (model && !presenting && !ImGui::GetIO().WantCaptureMouse && !dragging && o.window_screenshot.empty()) {
                int mx = 0, my = 0;
                SDL_GetMouseState(&mx, &my);
                const Vec2 px{mx * ratio, my * ratio};
                const int sym = symbol_at(frame, px);
                if (sym >= 0 && frame.symbols[size_t(sym)].place >= 0) {
                    const Place& p = *model->features.places[size_t(frame.symbols[size_t(sym)].place)].place;
                    ui.hover.push_back(p.name);
                    if (p.from)
                        ui.hover.push_back(p.from->str() + (p.to && !(*p.to == *p.from) ? " to " + p.to->str() : ""));
                    if (p.precision == Precision::Area) ui.hover.push_back("location known only to the outlined area");
                } else {
                    const int c = model->country_at(state.camera.to_map(px), state.date);
                    if (c >= 0) {
                        ui.hover.push_back(model->world->countries[size_t(c)].name);
                        if (!overlay.countries.empty())
                            ui.hover.push_back(standing_text(overlay, c) + " on " + state.date.str());
                    }
                }
            }
            // The scale bar and the measured points on screen.
            if (model) {
                const ScaleBar bar = scale_bar(*model->projection, state.camera, 160.0 * ratio * ui.scale);
                ui.scale_px = float(bar.length_px / ratio);
                ui.scale_label = bar.label;
            }
            std::vector<Vec2> measure_px;
            if (model)
                for (Vec2 ll : ui.measure_points) {
                    const Vec2 p = state.camera.to_screen(model->projection->forward(ll));
                    measure_px.push_back({p.x / ratio, p.y / ratio});
                }
            if (presenting && player && model && player->scene() < model->tour.size()) {
                // The scene's annotations and the one being drawn, placed anew from lon/lat each frame.
                Annotations shown = notes_of(player->scene());
                if (editor.pending()) {
                    shown.shapes.push_back(*editor.pending());
                    if (editor.typing()) shown.shapes.back().text += "|";  // the caret
                }
                const float k = std::max(1.0f, float(win_h) / 1080.0f);  // sized for a 1080-line screen, as the caption
                const LonLatToMap forward = [&](Vec2 ll) { return model->projection->forward(ll); };
                draw_annotations(annotations_on_screen(shown, state.camera, forward, ratio * k), ratio);
                const bool message = monotonic_ns() < notes_message_until;
                if (drawing || message)
                    draw_annotation_hint(drawing, editor.tool(), editor.colour, message ? notes_message : "",
                                         notes_message_error);
            }
            if (presenting && player && model) {
                draw_presentation_overlay(player->typed(), player->blank(), float(win_w), float(win_h));
            } else {
                draw_inspector(state, ui, float(win_h));
                draw_article(state, ui, float(win_w), float(win_h));
                draw_map_overlay(ui, float(win_w), float(win_h), measure_px);
            }
        }
        if (ui.request_reset_view) {
            reset_view();
            ui.request_reset_view = false;
        }
        if (ui.request_projection && model && !reprojecting.valid()) {
            const std::string id = *ui.request_projection;
            std::shared_ptr<const World> world = model->world;
            std::shared_ptr<const Facts> facts = model->facts;
            reprojecting = std::async(std::launch::async,
                                      [world, id, facts] { return MapModel::build(world, id, std::nullopt, facts); });
            ui.busy = true;
        }
        ui.request_projection.reset();

        // Render: the map (frame rebuilt only when something that changes it changed), then the UI.
        if (model) {
            const FrameKey key{state.camera, state.layers,   state.pixel_scale,     model.get(),
                               state.date,   state.selected, state.selected_members};
            // The presentation's caption (which scene's, and for what size of screen) is part of the frame.
            const std::array<int, 3> caption{presenting && player ? int(player->scene()) : -1, fb_w, fb_h};
            if (!frame_key || !(*frame_key == key) || caption != frame_caption) {
                if (caption != frame_caption)
                    caption_frame = presentation_caption(*model, size_t(std::max(caption[0], 0)), fb_w, fb_h, measure,
                                                         std::max(1.0f, float(fb_h) / 1080.0f));
                frame = caption[0] >= 0 ? presentation_frame(*model, state, measure, caption_frame)
                                        : build_frame(state, Style{}, model->colours, model->label_candidates,
                                                      measure, model->extras(state, Style{}));
                frame.detail_bias = flight.active ? kFlightDetailBias : 1.0;
                frame_key = key;
                frame_caption = caption;
            }
            if (ui.request_export) {
                ui.request_export = false;
                try {
                    if (ui.export_width <= 0 || ui.export_height <= 0)
                        throw UsageError("export size " + std::to_string(ui.export_width) + "x" +
                                         std::to_string(ui.export_height) + " is not positive");
                    if (ui.export_dpi != 0 && (ui.export_dpi < 72 || ui.export_dpi > 1200))
                        throw UsageError("export resolution " + std::to_string(ui.export_dpi) +
                                         " dpi is outside 72..1200");
                    AppState out = rescaled(state, ui.export_width, ui.export_height);
                    if (ui.export_dpi > 0) out.pixel_scale = float(ui.export_dpi / 96.0);
                    FigureChoice choice;
                    choice.title = ui.export_title;
                    choice.legend = ui.export_legend && state.layers.memberships;
                    choice.scale_bar = ui.export_scale_bar;
                    choice.attribution = ui.export_attribution;
                    choice.citation = ui.export_citation;
                    choice.caption_passage = ui.export_caption;
                    Figure figure;
                    figure.dpi = ui.export_dpi;
                    figure.decorations = decorations_for(*model, out, choice);
                    export_image(*renderer, *model, out, measure, ui.export_path, figure);
                    ui.status = "Wrote " + ui.export_path + " (" + std::to_string(ui.export_width) + "x" +
                                std::to_string(ui.export_height) + ")";
                } catch (const std::exception& e) {
                    ui.errors.push_back(e.what());
                }
            }
            renderer->draw(frame, fb_w, fb_h);
        } else {
            glViewport(0, 0, fb_w, fb_h);
            const Rgba water = Style{}.water;
            glClearColor(water.r / 255.f, water.g / 255.f, water.b / 255.f, 1);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        window->end_imgui_frame();

        ++frame_number;
        if (frame_number == kScreenshotFrame && !o.window_screenshot.empty()) {
            std::vector<std::uint8_t> px(size_t(fb_w) * size_t(fb_h) * 4);
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadBuffer(GL_BACK);
            glReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
            std::vector<std::uint8_t> flipped(px.size());
            const size_t row = size_t(fb_w) * 4;
            for (int y = 0; y < fb_h; ++y)
                std::copy_n(px.data() + size_t(fb_h - 1 - y) * row, row, flipped.data() + size_t(y) * row);
            try {
                write_png(o.window_screenshot, flipped.data(), fb_w, fb_h);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "ca-atlas: %s\n", e.what());
                exit_code = 1;
            }
            running = false;
        }
        window->swap();
        if (first) {
            first = false;
            if (o.exit_after_first_frame) {
                glFinish();
                const long long t_first = monotonic_ns();
                std::printf("first_frame_ns=%lld\nloaded_ms=%.1f\nfirst_frame_ms=%.1f\n", t_first,
                            (t_loaded - t_start) / 1e6, (t_first - t_start) / 1e6);
                std::fflush(stdout);
                running = false;
            }
        }
    }
    if (reprojecting.valid()) reprojecting.wait();
    // Shut down in reverse order of creation, then balance init_video().
    renderer.reset();
    font.reset();
    window.reset();
    quit_video();
    if (!model && exit_code == 0 && !ui.errors.empty()) exit_code = 1;
    if (exit_code == 0 && !ui.data_problems.empty()) exit_code = 1;
    return exit_code;
}

}  // namespace atlas
