// The interactive atlas, read top to bottom as Dear ImGui's example main: init (signals, video, the
// data loading on a worker while the window and GL start), the loop (poll, panels, update, draw,
// swap) and shutdown in reverse. What input does is the session's (session/session.hpp).
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include <epoxy/gl.h>

#include "core/errors.hpp"
#include "export/export.hpp"
#include "geo/data_paths.hpp"
#include "geo/facts_load.hpp"
#include "geo/raster.hpp"
#include "modes.hpp"
#include "platform/child.hpp"
#include "platform/folders.hpp"
#include "platform/input.hpp"
#include "platform/random_input.hpp"
#include "platform/window.hpp"
#include "render/font.hpp"
#include "render/renderer.hpp"
#include "text/fonts.hpp"
#include "ui/interface.hpp"
#include "ui/panel.hpp"

namespace atlas {

namespace {

// The panels' places, sizes and folds, kept between sessions in the user's config folder (ImGui's
// ini, read and written here rather than by ImGui beside the working folder): read before the first
// frame, written whole (a temporary file renamed) a few seconds after a panel moved and at the end.
// A layout that cannot be written is said once, in the window and on stderr; the atlas goes on.
class LayoutKeeper {
public:
    explicit LayoutKeeper(bool write) : path_(layout_file_here()), write_(write && !path_.empty()) {
        std::ifstream in(path_, std::ios::binary);
        const std::string ini((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!ini.empty()) ImGui::LoadIniSettingsFromMemory(ini.data(), ini.size());
    }
    // After a frame: writes the layout if ImGui asks (or `now`).
    void keep(UiState& ui, bool now = false) {
        ImGuiIO& io = ImGui::GetIO();
        if (!write_ || !(io.WantSaveIniSettings || now)) return;
        io.WantSaveIniSettings = false;
        size_t size = 0;
        const char* ini = ImGui::SaveIniSettingsToMemory(&size);
        try {
            save_text_file(path_, std::string(ini, size));
        } catch (const std::exception& e) {
            write_ = false;
            const std::string why = std::string("the panels' layout is not kept: ") + e.what();
            std::fprintf(stderr, "ca-atlas: %s\n", why.c_str());
            ui.errors.push_back(why);
        }
    }

private:
    std::string path_;
    bool write_;
};

}  // namespace


namespace {
// What a frame would show: the map's frame (by its rebuild count), the framebuffer's size, and
// the panels' draw data (vertices, indices, and each command's clip, texture and count), hashed.
std::size_t screen_key(const Session& session, const Viewport& v) {
    std::size_t key = std::hash<long long>{}((long long)(session.frame() ? session.frames_built() : -1));
    const auto mix = [&key](std::size_t h) { key ^= h + 0x9e3779b97f4a7c15ULL + (key << 6) + (key >> 2); };
    const auto bytes = [&](const void* data, std::size_t n) {
        mix(std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), n)));
    };
    mix(std::hash<int>{}(v.fb_width));
    mix(std::hash<int>{}(v.fb_height));
    const ImDrawData* d = ImGui::GetDrawData();
    if (!d) return key;
    for (int i = 0; i < d->CmdListsCount; ++i) {
        const ImDrawList* list = d->CmdLists[i];
        bytes(list->VtxBuffer.Data, std::size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        bytes(list->IdxBuffer.Data, std::size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : list->CmdBuffer) {
            bytes(&c.ClipRect, sizeof c.ClipRect);
            mix(std::hash<const void*>{}(reinterpret_cast<const void*>(c.TextureId)));
            mix(std::hash<unsigned>{}(c.ElemCount));
        }
    }
    return key;
}
}  // namespace

bool window_frame(Window& window, Session& session, Renderer& renderer, const TextMeasure& measure,
                  const std::vector<InputEvent>& events, const std::optional<InputEvent>& pointer, long long now_ns,
                  std::size_t* shown) {
    for (const InputEvent& e : events) session.input(e);
    const Viewport v = window.viewport();
    session.set_viewport(v);
    window.want_text_scale(session.ui().article_font_wanted);
    window.begin_imgui_frame();
    session.ui().article_font = window.text_font();
    session.ui().article_font_scale = window.text_font_scale();
    session.input(pointer ? *pointer : pointer_now(window.sdl()));
    const Screen screen{v.width, v.height, v.pixel_ratio};
    draw_controls(session.state(), session.ui(), session.scenes(), screen);
    session.update(now_ns);
    draw_overlays(session.state(), session.ui(), screen);
    if (session.take_new_model()) {
        renderer.upload(session.model()->projected);
        renderer.upload_features(session.model()->features);
    }
    if (const auto job = session.take_export()) {
        try {
            export_image(renderer, *session.model(), job->state, measure, job->path, job->figure);
            session.exported(*job, "");
        } catch (const std::exception& e) {
            session.exported(*job, e.what());
        }
    }
    if (const std::string folder = std::exchange(session.ui().request_open_folder, std::string()); !folder.empty()) {
        try {
            open_in_file_manager(folder);
        } catch (const std::exception& e) {
            session.ui().errors.push_back(e.what());
        }
    }
    window.finish_imgui_frame();
    const Frame* frame = session.frame();
    if (shown) {
        const std::size_t looks = screen_key(session, v);
        if (looks == *shown) return false;  // the screen shows this already
        *shown = looks;
    }
    if (frame)
        renderer.draw(*frame, v.fb_width, v.fb_height);
    else
        renderer.draw_sea(v.fb_width, v.fb_height);  // no map: the sea, under the error
    window.draw_imgui();
    return true;
}

namespace {

// The Tour window's video: `ca-atlas --export-video` started as another process (the map stays
// live), its progress lines read each frame, Cancel sent to it as SIGTERM (it then removes its
// temporary file), and what came of it said in the window.
void video_requests(std::unique_ptr<ChildProcess>& job, UiState& ui, const Options& o) {
    UiState::VideoExport& v = ui.video;
    if (std::exchange(v.request_start, false) && !job) {
        const auto& size = UiState::kVideoSizes[size_t(v.size)];
        std::vector<std::string> argv{own_program_path(),
                                      "--export-video",
                                      v.path,
                                      "--size",
                                      std::to_string(size[0]) + "x" + std::to_string(size[1]),
                                      "--fps",
                                      std::to_string(v.fps),
                                      "--hold-seconds",
                                      std::to_string(v.hold_seconds),
                                      "--flight-seconds",
                                      std::to_string(o.flight_seconds)};
        if (!o.data.shipped) argv.insert(argv.end(), {"--data", o.data.dir});  // the window's own --data
        v.message.clear();
        v.failed = false;
        v.frame = v.total = 0;
        try {
            job = std::make_unique<ChildProcess>(argv);
            v.running = true;
        } catch (const std::exception& e) {
            v.message = e.what();
            v.failed = true;
        }
    }
    if (!job) return;
    if (std::exchange(v.request_cancel, false)) job->stop();
    const std::optional<int> code = job->exited();
    for (const auto& line : job->lines()) {
        long long frame = 0, total = 0;
        if (std::sscanf(line.c_str(), "ca-atlas: video: frame %lld of %lld", &frame, &total) == 2) {
            v.frame = frame;
            v.total = total;
        } else if (line.rfind("ca-atlas: ", 0) == 0) {
            v.message = line.substr(10);  // its outcome, or why it failed: its last line
        }
    }
    if (!code) return;
    v.running = false;
    v.failed = *code != 0;
    if (v.failed && v.message.empty()) v.message = "the video's export ended with code " + std::to_string(*code);
    if (!v.failed) ui.written_path = v.path;
    job.reset();
}

}  // namespace

int run_window(const Options& o) {
    const long long t_start = monotonic_ns();
    // A finger or a pen on a touch screen arrives as the mouse (SDL's default, relied on by drawing).
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    catch_stop_signals();  // SIGTERM, SIGINT: the loop ends at its next frame
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
        const InterfaceFonts fonts = interface_fonts();
        const UiLook look{fonts.main.path, fonts.main.index, fonts.cjk ? fonts.cjk->path : "",
                          fonts.cjk ? fonts.cjk->index : 0, o.ui_scale};
        window = std::make_unique<Window>("Central Asia Security Atlas", o.width, o.height, !o.exit_after_first_frame, look);
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
    // Not written by a screenshot or the benchmark's runs, which leave the user's files alone.
    LayoutKeeper layout(o.window_screenshot.empty() && !o.exit_after_first_frame);
    auto session = std::make_unique<Session>(session_options(o), measure);
    session->ui().pictures_folder = session->ui().export_folder = pictures_folder();
    session->ui().home_folder = home_folder();
    session->ui().folder_chooser.subfolders = subfolders;
    session->set_viewport(window->viewport());
    // A stop signal while the data still loads ends the program at once: nothing has been written
    // yet, and the loader cannot be interrupted (waiting for it took seconds on a slow machine).
    while (loading.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
        if (const int sig = stop_signal()) {
            std::fflush(nullptr);
            std::_Exit(128 + sig);
        }
    try {
        std::unique_ptr<MapModel> model = loading.get();
        // Names this machine's fonts cannot draw are listed with the data's problems.
        if (model->facts) {
            for (auto& p : unrenderable_text(*model->facts, model->tour, font->shaper()))
                model->problems.push_back(std::move(p));
            sort_by_place(model->problems);
        }
        for (const Scene& sc : model->tour) window->cover_text(sc.title);  // the Tour window lists them
        session->start(std::move(model));
    } catch (const std::exception& e) {
        session->fail(e.what());
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
    }
    const long long t_loaded = monotonic_ns();

    // ImGui lays out a new auto-sized window on its first frame and shows it from the second: the
    // screenshot waits for the third so the panel is in it.
    constexpr int kScreenshotFrame = 3;
    std::unique_ptr<RandomInput> random =
        o.random_events > 0 && session->model() ? std::make_unique<RandomInput>(o.random_seed, o.random_events) : nullptr;
    double random_settled_mib = 0;
    int exit_code = 0, frame_number = 0, quiet_frames = 0;
    std::size_t shown = 0;  // what the last drawn frame looks like (screen_key); 0: not known
    constexpr int kSettleFrames = 3;
    bool fullscreen = false;
    std::unique_ptr<ChildProcess> video;  // the Tour window's video being written, if any
    while (session->running()) {
        video_requests(video, session->ui(), o);
        if (stop_signal()) {  // ended from outside: the tour's unsaved edits are kept for the next start
            session->ended_by_signal();
            exit_code = 128 + stop_signal();
            break;
        }
        if (random) {
            random->feed(window->sdl(), 6);
            if (random->fed() >= o.random_events / 10 && random_settled_mib == 0) random_settled_mib = resident_memory_mib();
            if (random->done()) {
                std::printf("random_input events=%d frames=%d resident_mib_after_tenth=%.1f resident_mib_end=%.1f "
                            "peak_mib=%.1f\n",
                            random->fed(), frame_number, random_settled_mib, resident_memory_mib(), peak_memory_mib());
                std::fflush(stdout);
                session->quit();
            }
        }
        // Nothing to draw while nothing happens: after a few frames with no input (ImGui settles
        // its hover and sizes in those), the loop sleeps until an event, waking each second for
        // what changes by itself (a message's timeout, a stop signal), twice a second for a text
        // field's blinking cursor.
        if (quiet_frames >= kSettleFrames && !session->animating() && !random && o.window_screenshot.empty() &&
            !o.exit_after_first_frame && !input_held_back())
            if (SDL_WaitEventTimeout(nullptr, video ? 100 : ImGui::GetIO().WantTextInput ? 500 : 1000))
                quiet_frames = 0;  // any event: a resize too
        std::vector<InputEvent> events = poll_input(interface_covers);
        quiet_frames = events.empty() && !session->animating() && !input_held_back() ? quiet_frames + 1 : 0;
        // Settled, with nothing new: a frame that would look as the screen does is not drawn (a
        // text field's blinking cursor, a message's end still are).
        const bool settled = quiet_frames > kSettleFrames && o.window_screenshot.empty() && !o.exit_after_first_frame;
        const bool drawn =
            window_frame(*window, *session, *renderer, measure, events, std::nullopt, monotonic_ns(), settled ? &shown : nullptr);
        if (!settled) shown = 0;  // the next settled frame is compared with nothing
        // The presentation is full screen (a screenshot is of the window at its own size).
        if (const bool full = session->presenting() && o.window_screenshot.empty(); full != fullscreen)
            window->set_fullscreen(fullscreen = full);
        if (++frame_number == kScreenshotFrame && !o.window_screenshot.empty()) {
            try {
                const Viewport v = window->viewport();
                write_png(o.window_screenshot, window->read_pixels().data(), v.fb_width, v.fb_height);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "ca-atlas: %s\n", e.what());
                exit_code = 1;
            }
            session->quit();
        }
        layout.keep(session->ui());
        if (!drawn) continue;
        window->swap();
        if (frame_number == 1 && o.exit_after_first_frame) {
            glFinish();
            const long long t_first = monotonic_ns();
            std::printf("first_frame_ns=%lld\nloaded_ms=%.1f\nfirst_frame_ms=%.1f\n", t_first,
                        (t_loaded - t_start) / 1e6, (t_first - t_start) / 1e6);
            std::fflush(stdout);
            session->quit();
        }
    }
    if (exit_code == 0) exit_code = session->exit_code();
    layout.keep(session->ui(), true);
    // Shut down in reverse order of creation, then balance init_video().
    session.reset();
    renderer.reset();
    font.reset();
    window.reset();
    quit_video();
    return exit_code;
}

}  // namespace atlas
