// `ca-atlas --bench`: prints start-up, load, projection, frame-time and export figures.
// Child processes are timed from outside (wall clock); an export child reports its own peak memory.
#include <imgui.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/explore.hpp"
#include "core/style.hpp"
#include "core/timeline.hpp"
#include "core/tour.hpp"
#include "geo/load.hpp"
#include "geo/model.hpp"
#include "geo/project.hpp"
#include "modes.hpp"
#include "platform/window.hpp"
#include "render/font.hpp"
#include "render/renderer.hpp"
#include "ui/panel.hpp"

extern char** environ;

namespace atlas {

namespace {

struct ChildResult {
    int status = -1;
    double wall_ms = 0;
    std::string out;
    long long spawn_ns = 0;
};

ChildResult run_child(const std::vector<std::string>& args) {
    ChildResult r;
    int fds[2];
    if (pipe(fds) != 0) return r;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    r.spawn_ns = monotonic_ns();
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return r;
    }
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) r.out.append(buf, size_t(n));
    close(fds[0]);
    waitpid(pid, &r.status, 0);
    r.wall_ms = (monotonic_ns() - r.spawn_ns) / 1e6;
    return r;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(std::ceil(p / 100.0 * double(v.size()))) - (p > 0 ? 1 : 0));
    return v[i];
}

template <class F>
double time_ms(F&& f) {
    const long long t = monotonic_ns();
    f();
    return (monotonic_ns() - t) / 1e6;
}

}  // namespace

int run_bench(const Options& o, const std::string& self) {
    std::printf("ca-atlas benchmark (data: %s)\n", o.data.dir.c_str());

    // 1. Start-up: process start to the first frame on screen, in a fresh process each time.
    {
        std::vector<double> first;
        for (int i = 0; i < 5; ++i) {
            ChildResult c = run_child({self, "--data", o.data.dir, "--size", "1920x1080", "--exit-after-first-frame"});
            const char* k = std::strstr(c.out.c_str(), "first_frame_ns=");
            if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0 || !k) {
                std::fprintf(stderr, "ca-atlas: benchmark: the window did not start (is there a display?)\n");
                return 1;
            }
            first.push_back((std::atoll(k + 15) - c.spawn_ns) / 1e6);
        }
        std::printf("first frame on screen after launch: median %.0f ms, best %.0f ms (5 runs, 1920x1080 window)\n",
                    percentile(first, 50), percentile(first, 0));
    }

    // 2. Load and projection, in this process.
    std::shared_ptr<const World> world;
    {
        std::vector<double> load;
        for (int i = 0; i < 5; ++i)
            load.push_back(time_ms([&] { world = std::make_shared<const World>(load_world(o.data.dir)); }));
        std::printf("load geodata (GDAL): median %.1f ms (5 runs)\n", percentile(load, 50));
        for (const auto& p : projections()) {
            std::vector<double> proj;
            for (int i = 0; i < 5; ++i) proj.push_back(time_ms([&] { (void)project_world(*world, p.id); }));
            std::printf("project + triangulate, %s: median %.1f ms (5 runs)\n", p.id, percentile(proj, 50));
        }
    }

    // 3. Frame time over 600 frames of continuous pan and zoom in a 1920x1080 window: the base map
    // alone, with the membership overlays (and the legend), then with every layer of the article
    // (places, capitals, the northern border, regions, graticule, the timeline and the article) on the article's
    // date. Picking (what the tooltip and a click need) is timed on every frame of the last run.
    {
        try {
            Window window("ca-atlas benchmark", 1920, 1080, false);
            Font font;
            Renderer renderer(font);
            auto model = MapModel::load(o.data.dir, o.projection);
            renderer.upload(model->projected);
            renderer.upload_features(model->features);
            const TextMeasure measure = measure_with(font.shaper());
            int w = 0, h = 0;
            window.drawable_size(w, h);
            const char* gl = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
            double base_p99 = 0;
            // 0: the base map; 1: with the membership overlays (and their legend); 2: every layer.
            for (const int run : {0, 1, 2}) {
                const bool article = run > 0;
                AppState state;
                state.camera = camera_for_view(*model->projection, o.view, w, h);
                state.layers.northern_border = state.layers.regions = state.layers.places = state.layers.capitals =
                    state.layers.graticule = run == 2;
                state.layers.memberships = run >= 1;
                UiState ui;
                ui.events = timeline_events(*model->facts, *model->world);
                ui.facts = model->facts.get();
                ui.world = model->world.get();
                ui.search_index = model->search.get();
                ui.features = &model->features;
        ui.features = &model->features;
                ui.article = model->article.get();
                const Overlay overlay = overlay_on(*model->facts, *model->world, state.date);
                std::vector<int> all(model->world->countries.size());
                for (size_t i = 0; i < all.size(); ++i) all[i] = int(i);
                ui.legend = legend(overlay, all, ui.overlay_style);
                std::vector<double> frames, picks;
                for (int i = 0; i < 600 + 10; ++i) {
                    const long long t = monotonic_ns();
                    SDL_Event ev;
                    while (SDL_PollEvent(&ev)) {
                    }
                    // Pan 4 px per frame along a slow circle while zooming in and out by up to 8x.
                    const double a = i * 0.02;
                    state.camera.pan_px(4 * std::cos(a), 4 * std::sin(a));
                    state.camera.zoom_at({w / 2.0, h / 2.0}, std::pow(8.0, 0.5 * std::sin(i * 0.01)) /
                                                                 std::pow(8.0, 0.5 * std::sin((i - 1) * 0.01)));
                    window.begin_imgui_frame();
                    draw_panel(state, state.layers, ui);
                    if (article) {
                        if (run == 2) {
                            draw_timeline(state, ui, float(w), float(h));
                            draw_article(state, ui, float(w), float(h));
                        }
                        draw_legend(state, ui, float(w));
                    }
                    const Frame frame = build_frame(state, Style{}, model->colours, model->label_candidates, measure,
                                                    model->extras(state, Style{}));
                    if (run == 2) {  // what is under a moving pointer: a symbol, else a country and its standing
                        const long long p0 = monotonic_ns();
                        const Vec2 px{w / 2.0 + 300 * std::cos(i * 0.05), h / 2.0 + 200 * std::sin(i * 0.07)};
                        std::string hover;
                        if (symbol_at(frame, px) < 0) {
                            const int c = model->country_at(state.camera.to_map(px), state.date);
                            if (c >= 0) hover = standing_text(overlay, c);
                        }
                        if (i >= 10) picks.push_back((monotonic_ns() - p0) / 1e6);
                    }
                    renderer.draw(frame, w, h);
                    window.end_imgui_frame();
                    window.swap();
                    glFinish();
                    if (i >= 10) frames.push_back((monotonic_ns() - t) / 1e6);  // the first 10 warm up
                }
                const double p99 = percentile(frames, 99);
                std::printf(
                    "frame time, 600 frames of pan and zoom at %dx%d, %s (%s): median %.2f ms, p99 %.2f ms, max "
                    "%.2f ms\n",
                    w, h,
                    run == 0 ? "base map"
                             : (run == 1 ? "with the membership overlays" : "with every layer of the article"),
                    gl ? gl : "?", percentile(frames, 50), p99, percentile(frames, 100));
                if (!article) base_p99 = p99;
                if (article)
                    std::printf("%s add %.0f%% to the p99 frame time\n",
                                run == 1 ? "the membership overlays" : "all the article's layers",
                                (p99 / base_p99 - 1) * 100);
                if (run == 2)
                    std::printf("picking under the pointer (symbol, country, standing): median %.3f ms, max %.3f ms\n",
                                percentile(picks, 50), percentile(picks, 100));
            }
            // The presentation: flights from scene to scene of the tour (1.6 s each, as the window
            // flies them, 96 frames at 60 a second), the caption drawn by the renderer, labels 1.5x,
            // every frame timed; first at full detail throughout with the map drawn under the caption
            // too, then as the window flies: a coarser level in flight, nothing drawn under the
            // opaque caption.
            for (const double flight_bias : {1.0, kFlightDetailBias}) {
                const bool as_the_window = flight_bias > 1;
                if (model->tour.empty()) break;
                AppState state;
                state.pixel_scale = 1.5f;
                std::vector<double> frames;
                const size_t scenes = model->tour.size();
                Frame caption;
                size_t caption_of = scenes;
                for (int i = 0; i < 96 * int(scenes - 1) + 10; ++i) {
                    const long long t = monotonic_ns();
                    SDL_Event ev;
                    while (SDL_PollEvent(&ev)) {
                    }
                    // The first 10 frames (not timed) draw the first flight's first frame: the timed
                    // ones are exactly the 9 flights' frames, none after the last has landed.
                    const int k = std::max(0, i - 10);
                    const size_t from = std::min(size_t(k / 96), scenes - 2), to = from + 1;
                    const double e0 = std::min(1.0, (k - int(from) * 96) / 96.0), e = ease_in_out(e0);
                    apply_scene(model->tour[to], state);
                    const Camera a = camera_for_view(*model->projection, model->tour[from].view, w, h);
                    const Camera b = camera_for_view(*model->projection, model->tour[to].view, w, h);
                    state.camera = a;
                    fly(state.camera, a, b, e);
                    state.date = civil_from_days(
                        days_from_civil(model->tour[from].date) +
                        std::lround((days_from_civil(model->tour[to].date) - days_from_civil(model->tour[from].date)) *
                                    e));
                    window.begin_imgui_frame();
                    draw_presentation_overlay("", false, float(w), float(h));
                    // The caption laid out once per scene, as the window does.
                    if (caption_of != to) {
                        caption = presentation_caption(*model, to, w, h, measure, std::max(1.0f, float(h) / 1080.0f));
                        caption_of = to;
                    }
                    Frame frame = presentation_frame(*model, state, measure, caption);
                    if (e0 < 1) frame.detail_bias = flight_bias;
                    if (!as_the_window) frame.covered_bottom_px = 0;
                    renderer.draw(frame, w, h);
                    window.end_imgui_frame();
                    window.swap();
                    glFinish();
                    if (i >= 10) frames.push_back((monotonic_ns() - t) / 1e6);
                }
                std::printf(
                    "presentation, flights through the %zu scenes of the tour at %dx%d, %s: median %.2f ms, p99 "
                    "%.2f ms, max %.2f ms\n",
                    scenes, w, h,
                    as_the_window ? "as the window flies (a coarser level, nothing under the caption)"
                                  : "full detail, the map under the caption too",
                    percentile(frames, 50), percentile(frames, 99), percentile(frames, 100));
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "ca-atlas: benchmark: %s\n", e.what());
            return 1;
        }
    }

    // 4. A whole 3840x2160 export as a separate process.
    {
        char tmpl[] = "/tmp/ca-atlas-bench-XXXXXX";
        if (!mkdtemp(tmpl)) return 1;
        const std::string out = std::string(tmpl) + "/export.png";
        std::vector<double> wall, rss;
        for (int i = 0; i < 5; ++i) {
            ChildResult c =
                run_child({self, "--data", o.data.dir, "--export", out, "--size", "3840x2160", "--timings"});
            if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0) {
                std::fprintf(stderr, "ca-atlas: benchmark: the export failed\n");
                return 1;
            }
            wall.push_back(c.wall_ms);
            // The child's own high-water mark (VmHWM, printed by --timings). wait4's ru_maxrss
            // would not do: Linux carries the spawning process's peak across exec into it.
            const auto at = c.out.rfind("peak ");
            double mib = 0;
            if (at == std::string::npos || std::sscanf(c.out.c_str() + at, "peak %lf MiB", &mib) != 1) {
                std::fprintf(stderr, "ca-atlas: benchmark: the export did not report its peak memory\n");
                return 1;
            }
            rss.push_back(mib);
        }
        std::remove(out.c_str());
        rmdir(tmpl);
        std::printf(
            "export 3840x2160 PNG, whole process: median %.0f ms, best %.0f ms; peak memory median %.0f MiB (5 runs)\n",
            percentile(wall, 50), percentile(wall, 0), percentile(rss, 50));
    }

    // 5. Print sizes and the classroom's exports, each a whole process: an 8192x8192 PNG (tiles
    // past a GPU's limit, bands), and the whole tour as PNG and PDF slides with the handout.
    {
        char tmpl[] = "/tmp/ca-atlas-bench-XXXXXX";
        if (!mkdtemp(tmpl)) return 1;
        const std::string dir = tmpl;
        struct Job {
            const char* what;
            std::vector<std::string> args;
        };
        const Job jobs[] = {
            {"export 8192x8192 PNG", {self, "--data", o.data.dir, "--export", dir + "/big.png", "--size", "8192x8192"}},
            {"the tour as PNG and PDF (10 slides each with captions, and the handout) at 1920x1080",
             {self, "--data", o.data.dir, "--export-tour", dir, "--size", "1920x1080", "--format", "png,pdf"}},
        };
        for (const Job& job : jobs) {
            std::vector<double> wall;
            for (int i = 0; i < 3; ++i) {
                const ChildResult c = run_child(job.args);
                if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0) {
                    std::fprintf(stderr, "ca-atlas: benchmark: %s failed\n", job.what);
                    return 1;
                }
                wall.push_back(c.wall_ms);
                std::error_code ec;  // the next run writes into an empty folder again
                for (const auto& e : std::filesystem::directory_iterator(dir, ec)) std::filesystem::remove(e.path(), ec);
            }
            std::printf("%s, whole process: median %.0f ms, best %.0f ms (3 runs)\n", job.what, percentile(wall, 50),
                        percentile(wall, 0));
        }
        rmdir(tmpl);
    }
    return 0;
}

}  // namespace atlas
