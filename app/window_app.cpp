// The interactive atlas: the main loop of the window, read top to bottom as
// init, loop (poll, new frame, build UI, render, swap), shutdown in reverse.
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <optional>

#include "core/errors.hpp"
#include "core/style.hpp"
#include "export.hpp"
#include "geo/projection.hpp"
#include "geo/raster.hpp"
#include "modes.hpp"
#include "platform/window.hpp"
#include "render/font.hpp"
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
    bool operator==(const FrameKey& o) const {
        return camera.centre == o.camera.centre && camera.metres_per_px == o.camera.metres_per_px &&
               camera.width_px == o.camera.width_px && camera.height_px == o.camera.height_px && layers == o.layers &&
               pixel_scale == o.pixel_scale && model == o.model && date == o.date;
    }
};

}  // namespace

int run_window(const Options& o) {
    const long long t_start = monotonic_ns();
    try {
        init_video();  // before the loader thread starts (see init_video)
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
        return 1;
    }
    // Loading and projecting run on a worker while the window and GL start.
    std::future<std::unique_ptr<MapModel>> loading =
        std::async(std::launch::async, [&] { return MapModel::load(o.data_dir, o.projection); });

    std::unique_ptr<Window> window;
    std::unique_ptr<Font> font;
    std::unique_ptr<Renderer> renderer;
    try {
        window = std::make_unique<Window>("Central Asia Security Atlas", o.width > 0 ? o.width : 1280,
                                          o.height > 0 ? o.height : 800, !o.exit_after_first_frame);
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
    const TextMeasure measure = [&](const std::string& t) { return font->measure(t); };

    UiState ui;
    for (const auto& p : projections()) ui.projections.push_back({p.id, p.label});
    AppState state;
    state.projection = o.projection;
    state.date = o.date;
    std::unique_ptr<MapModel> model;
    try {
        model = loading.get();
        renderer->upload(model->projected);
        renderer->upload_features(model->features);
        // Broken fact tables leave the map working: the window lists every problem.
        for (const auto& p : model->problems) {
            std::fprintf(stderr, "%s\n", p.str().c_str());
            // The panel is narrow: name the file within the data folder, the folder once above.
            DataProblem shown = p;
            const std::string prefix = o.data_dir + "/";
            if (shown.at.file.rfind(prefix, 0) == 0) shown.at.file.erase(0, prefix.size());
            ui.data_problems.push_back(shown.str());
        }
        ui.data_folder = o.data_dir;
        if (model->facts && model->world) ui.events = timeline_events(*model->facts, *model->world);
    } catch (const std::exception& e) {
        // The window stays open with the error shown, so the user can read it and quit.
        ui.errors.push_back(e.what());
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
    std::pair<Date, std::vector<int>> legend_key;
    Frame frame;
    bool dragging = false, running = true, first = true;
    // ImGui lays out a new auto-sized window on its first frame and shows it from the second:
    // the screenshot waits for the third so the panel is in it.
    constexpr int kScreenshotFrame = 3;
    int frame_number = 0;
    int exit_code = 0;

    while (running) {
        // Poll.
        const float ratio = window->pixel_ratio();
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            ImGui_ImplSDL2_ProcessEvent(&ev);
            const ImGuiIO& io = ImGui::GetIO();
            if (ev.type == SDL_QUIT) running = false;
            if (!model) continue;
            Camera& cam = state.camera;
            if (!io.WantCaptureMouse) {
                if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT) dragging = true;
                if (ev.type == SDL_MOUSEMOTION && dragging) cam.pan_px(ev.motion.xrel * ratio, ev.motion.yrel * ratio);
                if (ev.type == SDL_MOUSEWHEEL) {
                    int mx = 0, my = 0;
                    SDL_GetMouseState(&mx, &my);
                    cam.zoom_at({mx * ratio, my * ratio}, std::pow(kZoomStep, ev.wheel.preciseY));
                }
            }
            if (ev.type == SDL_MOUSEBUTTONUP && ev.button.button == SDL_BUTTON_LEFT) dragging = false;
            if (ev.type == SDL_KEYDOWN && !io.WantCaptureKeyboard) {
                const double step_x = cam.width_px * kKeyPanFraction, step_y = cam.height_px * kKeyPanFraction;
                const Vec2 mid{cam.width_px / 2.0, cam.height_px / 2.0};
                switch (ev.key.keysym.sym) {
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
        state.pixel_scale = ratio;

        // A finished projection change replaces the model, keeping the view's centre and ground scale.
        if (reprojecting.valid() && reprojecting.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            try {
                auto next = reprojecting.get();
                const View v = view_for_camera(*model->projection, state.camera);
                renderer->upload(next->projected);
                renderer->upload_features(next->features);
                next->article = model->article;
                next->problems = model->problems;
                model = std::move(next);
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
                const int c = country_at(model->projected, at);
                ui.cursor_country = c < 0 ? "" : model->world->countries[size_t(c)].name;
                ui.cursor_note = c < 0 ? "" : model->world->countries[size_t(c)].note;
            }
        }
        draw_panel(state, state.layers, ui);
        {
            int win_w = 0, win_h = 0;
            window->window_size(win_w, win_h);
            draw_timeline(state, ui, float(win_w), float(win_h));
            if (ui.request_date) {
                state.date = std::clamp(*ui.request_date, kTimelineStart, kTimelineEnd);
                ui.request_date.reset();
            }
            // The legend lists the classes of the countries in view on the day.
            if (model && model->facts && model->world) {
                const Box view = state.camera.visible();
                std::vector<int> visible;
                for (size_t i = 0; i < model->projected.country_bounds.size(); ++i)
                    if (model->projected.country_bounds[i].intersects(view)) visible.push_back(int(i));
                if (!(legend_key.first == state.date) || legend_key.second != visible) {
                    ui.legend = legend(overlay_on(*model->facts, *model->world, state.date), visible, ui.overlay_style);
                    legend_key = {state.date, visible};
                }
            }
            draw_legend(state, ui, float(win_w));
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
            const FrameKey key{state.camera, state.layers, state.pixel_scale, model.get(), state.date};
            if (!frame_key || !(*frame_key == key)) {
                frame = build_frame(state, Style{}, model->colours, model->label_candidates, measure,
                                    model->extras(state, Style{}));
                frame_key = key;
            }
            if (ui.request_export) {
                ui.request_export = false;
                try {
                    if (ui.export_width <= 0 || ui.export_height <= 0)
                        throw UsageError("export size " + std::to_string(ui.export_width) + "x" +
                                         std::to_string(ui.export_height) + " is not positive");
                    export_png(*renderer, *model, rescaled(state, ui.export_width, ui.export_height), measure,
                               ui.export_path);
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
