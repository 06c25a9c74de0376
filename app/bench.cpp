// `ca-atlas --bench`: prints start-up, load, projection, frame-time and export figures, then the
// figures with their targets as a table; beside Mapnik where Debian's python3-mapnik is installed;
// with --vs, this build's table and another's, run alternately, with their ratios.
// Child processes are timed from outside (wall clock, CPU from wait4); an export child reports its
// own peak memory.
#include <epoxy/gl.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "geo/load.hpp"
#include "geo/model.hpp"
#include "geo/project.hpp"
#include "modes.hpp"
#include "platform/window.hpp"
#include "render/font.hpp"
#include "render/renderer.hpp"
#include "session/session.hpp"

extern char** environ;

namespace atlas {

namespace {

struct ChildResult {
    int status = -1;
    double wall_ms = 0;
    double cpu_ms = 0;  // user + system, the child's own (wait4)
    std::string out;
    long long spawn_ns = 0;
};

bool succeeded(const ChildResult& c) { return WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0; }

// Runs `args` (args[0] a path), its stdout and stderr together in `out`; stdout only with `quiet_errors`.
ChildResult run_child(const std::vector<std::string>& args, bool quiet_errors = false) {
    ChildResult r;
    int fds[2];
    if (pipe(fds) != 0) return r;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    if (quiet_errors)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    else
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
    rusage use{};
    wait4(pid, &r.status, 0, &use);
    r.wall_ms = (monotonic_ns() - r.spawn_ns) / 1e6;
    r.cpu_ms = (use.ru_utime.tv_sec + use.ru_stime.tv_sec) * 1e3 + (use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1e3;
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

// A scripted user's input, as the window's platform layer makes it from SDL's events.
InputEvent scripted(InputEvent::Kind kind, Vec2 at) {
    InputEvent e;
    e.kind = kind;
    e.at = at;
    return e;
}

struct FrameTimes {
    std::vector<double> frames, picks;  // ms
    int scenes = 0;
    // With a user's layer: from the first frame to the one that lists it, and the longest frame
    // drawn meanwhile (the window keeps drawing while a worker reads the file).
    double layer_open_ms = 0, longest_frame_opening_ms = 0;
    int frames_opening = 0;
    std::string layer_error;
};

// A layer of a teacher's own near the atlas's limits (kUserLayerMaxFeatures, kUserLayerMaxVertices):
// 49,000 named points over the region and 200 lines and polygons of 7,000 vertices each (1.45
// million vertices in all), as GeoJSON with four decimals (32 MB), written to `path`.
void write_big_user_layer(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) return;
    std::mt19937 rng(1);
    auto uniform = [&rng](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    std::fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
    for (int i = 0; i < 49000; ++i)
        std::fprintf(f, "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"P%d\",\"n\":%d},\"geometry\":{\"type\":"
                        "\"Point\",\"coordinates\":[%.4f,%.4f]}}",
                     i ? ",\n" : "", i, i, uniform(46, 88), uniform(30, 52));
    for (int i = 0; i < 200; ++i) {
        const double cx = uniform(50, 85), cy = uniform(32, 50), r = uniform(0.2, 2);
        const bool polygon = i % 2 == 1;
        std::fprintf(f, ",\n{\"type\":\"Feature\",\"properties\":{\"name\":\"%c%d\"},\"geometry\":{\"type\":\"%s\","
                        "\"coordinates\":%s",
                     polygon ? 'A' : 'L', i, polygon ? "Polygon" : "LineString", polygon ? "[[" : "[");
        for (int k = 0; k <= 7000; ++k) {
            const double a = 2 * M_PI * (k % 7000) / 7000;
            std::fprintf(f, "%s[%.4f,%.4f]", k ? "," : "", cx + r * std::cos(a) * (1 + 0.2 * std::sin((k % 7000) / 30.0)),
                         cy + r * std::sin(a));
        }
        std::fputs(polygon ? "]]}}" : "]}}", f);
    }
    std::fputs("]}\n", f);
    std::fclose(f);
}

// A session on the data as the window starts it, its first frame drawn.
std::unique_ptr<Session> bench_session(Window& window, const TextMeasure& measure,
                                       const Options& o, SessionOptions so) {
    so.data = o.data;
    so.projection = o.projection;
    so.view = o.view;
    auto session = std::make_unique<Session>(so, measure);
    session->set_viewport(window.viewport());
    session->start(MapModel::load(o.data.dir, o.projection));
    return session;
}

// 600 frames (after 10 not timed) of the window's loop while the user drags the map 4 px a frame
// along a slow circle and turns the wheel to zoom in and out by up to 8x. Run 0: the base map and
// the control panel; 1: with the membership overlays and their legend; 2: every layer, the timeline
// and the article.
FrameTimes time_pan_and_zoom(Window& window, Renderer& renderer, const TextMeasure& measure, const Options& o,
                             int run, const std::string& user_layer = "") {
    SessionOptions so;
    so.layers.northern_border = so.layers.regions = so.layers.places = so.layers.capitals = so.layers.graticule =
        run == 2;
    so.layers.memberships = run >= 1;
    so.hover = run == 2;
    if (!user_layer.empty()) so.user_layers = {user_layer};
    auto session = bench_session(window, measure, o, so);
    session->ui().article_open = run == 2;
    const Viewport v = window.viewport();
    const Vec2 mid{v.width / 2.0, v.height / 2.0};
    FrameTimes t;
    long long now = 0;
    if (!user_layer.empty()) {  // frames with no input until the layer is listed (or refused)
        const long long opened = monotonic_ns();
        while (session->ui().user_layers.empty() && session->ui().layer_requests.error.empty() &&
               monotonic_ns() - opened < 120'000'000'000LL) {
            const long long t0 = monotonic_ns();
            SDL_Event ev;
            while (SDL_PollEvent(&ev)) {
            }
            window_frame(window, *session, renderer, measure, {}, scripted(InputEvent::Kind::Pointer, mid),
                         now += 16'666'667);
            window.swap();
            glFinish();
            t.longest_frame_opening_ms = std::max(t.longest_frame_opening_ms, (monotonic_ns() - t0) / 1e6);
            ++t.frames_opening;
        }
        t.layer_open_ms = (monotonic_ns() - opened) / 1e6;
        t.layer_error = session->ui().layer_requests.error;
        if (session->ui().user_layers.empty() && t.layer_error.empty()) t.layer_error = "not opened within 120 s";
    }
    std::vector<InputEvent> events{scripted(InputEvent::Kind::Press, mid)};
    for (int i = 0; i < 600 + 10; ++i) {
        const long long t0 = monotonic_ns();
        const double a = i * 0.02;
        InputEvent move = scripted(InputEvent::Kind::Move, mid);
        move.moved = {4 * std::cos(a) / v.pixel_ratio, 4 * std::sin(a) / v.pixel_ratio};
        events.push_back(move);
        InputEvent wheel = scripted(InputEvent::Kind::Wheel, mid);
        const double zoom = std::pow(8.0, 0.5 * std::sin(i * 0.01)) / std::pow(8.0, 0.5 * std::sin((i - 1) * 0.01));
        wheel.wheel = std::log(zoom) / std::log(1.25);
        events.push_back(wheel);
        const Vec2 pointer{mid.x + 300 * std::cos(i * 0.05), mid.y + 200 * std::sin(i * 0.07)};
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
        }
        window_frame(window, *session, renderer, measure, events, scripted(InputEvent::Kind::Pointer, pointer),
                     now += 16'666'667);
        events.clear();
        window.swap();
        glFinish();
        if (i < 10) continue;  // the first 10 warm up
        t.frames.push_back((monotonic_ns() - t0) / 1e6);
        if (run == 2 || !user_layer.empty()) {  // what is under a moving pointer: a symbol, else a country and its standing
            const long long p0 = monotonic_ns();
            (void)session->describe({pointer.x * v.pixel_ratio, pointer.y * v.pixel_ratio});
            t.picks.push_back((monotonic_ns() - p0) / 1e6);
        }
    }
    return t;
}

// The presentation: F5, then Page Down from scene to scene of the tour, each flight 1.6 s as the
// window flies them (96 frames at 60 a second on the session's clock), every frame of the 9 flights
// between scenes timed (the flight to the first scene is not).
FrameTimes time_flights(Window& window, Renderer& renderer, const TextMeasure& measure, const Options& o) {
    SessionOptions so;
    so.flight_seconds = 1.6;
    auto session = bench_session(window, measure, o, so);
    FrameTimes t;
    const std::vector<Scene>* scenes = session->scenes();
    if (!scenes || scenes->size() < 2) return t;
    t.scenes = int(scenes->size());
    constexpr int kFlightFrames = 96;
    long long now = 0;
    for (int i = 0; i < kFlightFrames * t.scenes + 1; ++i) {
        std::vector<InputEvent> events;
        if (i % kFlightFrames == 0) {
            InputEvent key = scripted(InputEvent::Kind::KeyDown, {0, 0});
            key.key = i == 0 ? Key::F5 : Key::PageDown;
            if (i < kFlightFrames * t.scenes) events.push_back(key);
        }
        const long long t0 = monotonic_ns();
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
        }
        window_frame(window, *session, renderer, measure, events,
                     scripted(InputEvent::Kind::Pointer, {std::nan(""), std::nan("")}), now);
        now += 1'000'000'000LL / 60;
        window.swap();
        glFinish();
        if (i > kFlightFrames) t.frames.push_back((monotonic_ns() - t0) / 1e6);
    }
    return t;
}

// A figure of the table the benchmark ends with: what was measured, its value and unit, and the
// target the atlas is held to (`limit`; none when 0), as it reads ("≤ 150 ms").
struct Row {
    std::string figure;
    double value = 0;
    std::string unit;
    double limit = 0;
    std::string target;
};

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v >= 100 ? "%.0f" : (v >= 10 ? "%.1f" : "%.2f"), v);
    return buf;
}

void print_table(const std::vector<Row>& rows) {
    std::printf("\n| figure | ca-atlas | target | |\n|---|---|---|---|\n");
    for (const Row& r : rows)
        std::printf("| %s | %s %s | %s | %s |\n", r.figure.c_str(), number(r.value).c_str(), r.unit.c_str(),
                    r.target.c_str(), r.limit <= 0 ? "" : (r.value <= r.limit ? "met" : "not met"));
}

// The figures of a table print_table wrote, in its order: figure, value.
std::vector<std::pair<std::string, double>> read_table(const std::string& out) {
    std::vector<std::pair<std::string, double>> rows;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| ", 0) != 0) continue;
        const auto bar = line.find(" | ", 2);
        if (bar == std::string::npos) continue;
        char* end = nullptr;
        const double v = std::strtod(line.c_str() + bar + 3, &end);
        if (end != line.c_str() + bar + 3) rows.emplace_back(line.substr(2, bar - 2), v);
    }
    return rows;
}

// The peer: the same 4K map drawn by Mapnik (tests/bench/mapnik_peer.py, Debian's python3-mapnik).
// An empty `why` when it ran; else the reason it was not measured.
struct Peer {
    std::string why, version;
    ChildResult run;
    double peak_mib = 0;
};

Peer run_mapnik(const Options& o, const std::string& out) {
    Peer p;
#ifdef ATLAS_MAPNIK_PEER
    const std::string script = ATLAS_MAPNIK_PEER;
#else
    const std::string script;
#endif
    if (script.empty() || !std::filesystem::exists(script)) {
        p.why = "the peer's script tests/bench/mapnik_peer.py is not here (run the benchmark from a build tree)";
        return p;
    }
    if (access("/usr/bin/python3", X_OK) != 0) {
        p.why = "there is no /usr/bin/python3 (install Debian's python3-mapnik)";
        return p;
    }
    p.run = run_child({"/usr/bin/python3", script, o.data.dir, out, "3840", "2160"}, true);
    const auto at = p.run.out.rfind("peak ");
    if (!succeeded(p.run) || at == std::string::npos) {
        p.why = "Mapnik did not run (is Debian's python3-mapnik installed?)";
        return p;
    }
    std::sscanf(p.run.out.c_str() + at, "peak %lf MiB", &p.peak_mib);
    if (const auto v = p.run.out.find("mapnik "); v != std::string::npos)
        p.version = p.run.out.substr(v + 7, p.run.out.find('\n', v) - v - 7);
    return p;
}

// The floor (tests/bench/gl_floor.cpp, built beside the program): a program with nothing of the
// atlas in it on the same GL and libraries. Empty where it is not there, with the reason in `why`.
std::string gl_floor_program(std::string& why) {
#ifdef ATLAS_GL_FLOOR
    const std::string program = ATLAS_GL_FLOOR;
#else
    const std::string program;
#endif
    if (program.empty() || access(program.c_str(), X_OK) != 0) {
        why = "gl-floor is not built beside this program (run the benchmark from a build tree)";
        return "";
    }
    return program;
}

// The number after `key=` in a child's output; NaN where it is not there.
double value_of(const std::string& out, const std::string& key) {
    const auto at = out.find(key + "=");
    return at == std::string::npos ? std::nan("") : std::atof(out.c_str() + at + key.size() + 1);
}

}  // namespace

int run_bench(const Options& o, const std::string& self) {
    std::printf("ca-atlas benchmark (data: %s)\n", o.data.dir.c_str());
    std::vector<Row> rows;

    // 1. Start-up: process start to the first frame on screen, in a fresh process each time.
    {
        std::vector<double> first;
        for (int i = 0; i < 5; ++i) {
            ChildResult c = run_child({self, "--data", o.data.dir, "--size", "1920x1080", "--exit-after-first-frame"});
            const char* k = std::strstr(c.out.c_str(), "first_frame_ns=");
            if (!succeeded(c) || !k) {
                std::fprintf(stderr, "ca-atlas: benchmark: the window did not start (is there a display?)\n");
                return 1;
            }
            first.push_back((std::atoll(k + 15) - c.spawn_ns) / 1e6);
        }
        std::printf("first frame on screen after launch: median %.0f ms, best %.0f ms (5 runs, 1920x1080 window)\n",
                    percentile(first, 50), percentile(first, 0));
        rows.push_back({"first frame on screen after launch, 1920x1080", percentile(first, 50), "ms", 150, "≤ 150 ms"});
    }
    // The same for a bare SDL2 + OpenGL 3.3 window that clears and swaps, linked with GDAL: what
    // the loader, the display and this GL's context cost any program before it draws anything.
    std::string floor_why;
    const std::string floor = gl_floor_program(floor_why);
    if (!floor.empty()) {
        std::vector<double> first;
        for (int i = 0; i < 5; ++i) {
            const ChildResult c = run_child({floor, "first-frame"});
            const double at = value_of(c.out, "first_frame_ns");
            if (succeeded(c) && std::isfinite(at)) first.push_back((at - double(c.spawn_ns)) / 1e6);
        }
        if (first.empty()) floor_why = "gl-floor did not show a window";
        else {
            std::printf("floor: a bare SDL2 + OpenGL 3.3 window (gl-floor, linked with GDAL) shows a cleared frame "
                        "after: median %.0f ms, best %.0f ms (%zu runs)\n",
                        percentile(first, 50), percentile(first, 0), first.size());
            rows.push_back({"floor: first frame of a bare SDL2 + OpenGL window", percentile(first, 50), "ms", 0, ""});
        }
    }
    if (!floor_why.empty()) std::printf("floor: not measured: %s\n", floor_why.c_str());

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

    // 3. Frame time over 600 frames of continuous pan and zoom in a 1920x1080 window, the window's
    // own frames (window_frame: the session's update, the panels, the map) driven by a scripted
    // drag and wheel: the base map alone, with the membership overlays (and the legend), then with
    // every layer of the article (places, capitals, the northern border, regions, graticule, the
    // timeline and the article) on the article's date. Picking (what the tooltip and a click need)
    // is timed on every frame of the last run. Then the presentation's flights.
    try {
        Window window("ca-atlas benchmark", 1920, 1080, false);
        Font font;
        Renderer renderer(font);
        const TextMeasure measure = measure_with(font.shaper());
        const Viewport v = window.viewport();
        const char* gl = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        double base_p99 = 0;
        for (const int run : {0, 1, 2}) {
            const FrameTimes t = time_pan_and_zoom(window, renderer, measure, o, run);
            const double p99 = percentile(t.frames, 99);
            std::printf(
                "frame time, 600 frames of pan and zoom at %dx%d, %s (%s): median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                v.fb_width, v.fb_height,
                run == 0 ? "base map" : (run == 1 ? "with the membership overlays" : "with every layer of the article"),
                gl ? gl : "?", percentile(t.frames, 50), p99, percentile(t.frames, 100));
            if (run == 0) {
                base_p99 = p99;
                rows.push_back({"window, p99 frame, pan and zoom at 1920x1080, base map", p99, "ms", 5, "≤ 5 ms"});
            }
            if (run > 0)
                std::printf("%s add %.0f%% to the p99 frame time\n",
                            run == 1 ? "the membership overlays" : "all the article's layers", (p99 / base_p99 - 1) * 100);
            if (run == 2) {
                rows.push_back(
                    {"window, p99 frame, pan and zoom at 1920x1080, every layer of the article", p99, "ms", 8, "≤ 8 ms (120 Hz)"});
                std::printf("picking under the pointer (symbol, country, standing): median %.3f ms, max %.3f ms\n",
                            percentile(t.picks, 50), percentile(t.picks, 100));
            }
        }
        // A teacher's layer near the limits, opened in the window (read on a worker), then the map
        // panned and zoomed with it drawn and described under the pointer.
        {
            const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ca-atlas-bench-" + std::to_string(getpid()));
            std::filesystem::create_directories(dir);
            const std::string big = (dir / "big.geojson").string();
            write_big_user_layer(big);
            const FrameTimes t = time_pan_and_zoom(window, renderer, measure, o, 1, big);
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
            if (!t.layer_error.empty()) {
                std::printf("a layer of the user's own near the limits: not measured: %s\n", t.layer_error.c_str());
            } else {
                std::printf("a layer of the user's own near the limits (49,200 features, 1.45 million vertices, 32 MB of "
                            "GeoJSON): listed %.0f ms after it was opened; meanwhile %d frames, the longest %.1f ms\n",
                            t.layer_open_ms, t.frames_opening, t.longest_frame_opening_ms);
                std::printf("frame time, 600 frames of pan and zoom at %dx%d with that layer over the memberships: "
                            "median %.2f ms, p99 %.2f ms, max %.2f ms; what is under the pointer: median %.3f ms, max "
                            "%.3f ms\n",
                            v.fb_width, v.fb_height, percentile(t.frames, 50), percentile(t.frames, 99),
                            percentile(t.frames, 100), percentile(t.picks, 50), percentile(t.picks, 100));
                rows.push_back({"window, longest frame while a layer near the limits opens", t.longest_frame_opening_ms, "ms",
                                100, "≤ 100 ms"});
                rows.push_back({"window, p99 frame, pan and zoom at 1920x1080, a layer near the limits", percentile(t.frames, 99),
                                "ms", 0, ""});
            }
        }
        const FrameTimes flights = time_flights(window, renderer, measure, o);
        if (!flights.frames.empty()) {
            std::printf("presentation, flights through the %d scenes of the tour at %dx%d, as the window flies them: "
                        "median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                        flights.scenes, v.fb_width, v.fb_height, percentile(flights.frames, 50),
                        percentile(flights.frames, 99), percentile(flights.frames, 100));
            rows.push_back({"presentation, p99 frame of the tour's flights at 1920x1080", percentile(flights.frames, 99),
                            "ms", 8, "≤ 8 ms (120 Hz)"});
        }
        if (gl) std::printf("GL renderer: %s\n", gl);
        // The cheapest frames that change every pixel of a 1920x1080 window on this GL: a picture
        // drawn before, copied onto the window as a pan would move it, and scaled as a zoom would.
        if (!floor.empty()) {
            const ChildResult c = run_child({floor, "frames"});
            const double copy = value_of(c.out, "copy_p99_ms"), zoom = value_of(c.out, "zoom_p99_ms");
            if (succeeded(c) && std::isfinite(copy) && std::isfinite(zoom)) {
                std::printf("floor: 300 frames of a 1920x1080 picture copied onto the window (a pan of it): median %.2f "
                            "ms, p99 %.2f ms; scaled onto it, filtered (a zoom of it): median %.2f ms, p99 %.2f ms "
                            "(gl-floor)\n",
                            value_of(c.out, "copy_median_ms"), copy, value_of(c.out, "zoom_median_ms"), zoom);
                rows.push_back({"floor: p99 frame that copies a drawn 1920x1080 picture onto the window", copy, "ms", 0, ""});
                rows.push_back({"floor: p99 frame that scales a drawn picture onto the window", zoom, "ms", 0, ""});
            } else {
                std::printf("floor: frames not measured: gl-floor frames failed\n");
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ca-atlas: benchmark: %s\n", e.what());
        return 1;
    }

    // 4. A whole 3840x2160 export as a separate process, and Mapnik's drawing of the same map in
    // the runs between (paired, so that the machine's hour weighs on both alike).
    {
        char tmpl[] = "/tmp/ca-atlas-bench-XXXXXX";
        if (!mkdtemp(tmpl)) return 1;
        const std::string out = std::string(tmpl) + "/export.png", peer_out = std::string(tmpl) + "/mapnik.png";
        std::vector<double> wall, cpu, rss, peer_wall, peer_cpu, peer_rss;
        std::string peer_why, peer_version;
        for (int i = 0; i < 5; ++i) {
            ChildResult c =
                run_child({self, "--data", o.data.dir, "--export", out, "--size", "3840x2160", "--timings"});
            if (!succeeded(c)) {
                std::fprintf(stderr, "ca-atlas: benchmark: the export failed\n");
                return 1;
            }
            wall.push_back(c.wall_ms);
            cpu.push_back(c.cpu_ms);
            // The child's own high-water mark (VmHWM, printed by --timings). wait4's ru_maxrss
            // would not do: Linux carries the spawning process's peak across exec into it.
            const auto at = c.out.rfind("peak ");
            double mib = 0;
            if (at == std::string::npos || std::sscanf(c.out.c_str() + at, "peak %lf MiB", &mib) != 1) {
                std::fprintf(stderr, "ca-atlas: benchmark: the export did not report its peak memory\n");
                return 1;
            }
            rss.push_back(mib);
            if (!peer_why.empty()) continue;
            const Peer p = run_mapnik(o, peer_out);
            peer_why = p.why;
            peer_version = p.version;
            if (!p.why.empty()) continue;
            peer_wall.push_back(p.run.wall_ms);
            peer_cpu.push_back(p.run.cpu_ms);
            peer_rss.push_back(p.peak_mib);
        }
        std::remove(out.c_str());
        std::remove(peer_out.c_str());
        rmdir(tmpl);
        std::printf(
            "export 3840x2160 PNG, whole process: median %.0f ms, best %.0f ms, CPU %.0f ms; peak memory median %.0f "
            "MiB (5 runs)\n",
            percentile(wall, 50), percentile(wall, 0), percentile(cpu, 50), percentile(rss, 50));
        const bool peer = peer_why.empty();
        if (peer)
            std::printf("Mapnik %s, the same map at 3840x2160 as PNG, whole process (Python): median %.0f ms, best %.0f "
                        "ms, CPU %.0f ms; peak memory median %.0f MiB (5 runs, between the atlas's)\n",
                        peer_version.c_str(), percentile(peer_wall, 50), percentile(peer_wall, 0),
                        percentile(peer_cpu, 50), percentile(peer_rss, 50));
        else
            std::printf("Mapnik: not measured: %s\n", peer_why.c_str());
        const double mw = peer ? percentile(peer_wall, 50) : 0, mc = peer ? percentile(peer_cpu, 50) : 0;
        auto half_of = [&](double m) { return peer ? "≤ 0.5 × Mapnik's " + number(m) + " ms" : std::string("≤ 0.5 × Mapnik (not measured)"); };
        rows.push_back({"4K PNG export, whole process, wall", percentile(wall, 50), "ms", mw / 2, half_of(mw)});
        rows.push_back({"4K PNG export, whole process, CPU (user + system)", percentile(cpu, 50), "ms", mc / 2, half_of(mc)});
        rows.push_back({"4K PNG export, peak memory", percentile(rss, 50), "MiB", 100, "≤ 100 MiB"});
        if (peer) {
            rows.push_back({"Mapnik " + peer_version + ", the same 4K PNG, wall", mw, "ms", 0, ""});
            rows.push_back({"Mapnik " + peer_version + ", the same 4K PNG, CPU (user + system)", mc, "ms", 0, ""});
            rows.push_back({"Mapnik " + peer_version + ", the same 4K PNG, peak memory", percentile(peer_rss, 50), "MiB", 0, ""});
        }
    }

    // The floor under an export: a whole process that makes a headless context (as the exports
    // do), clears a small framebuffer and reads it back, linked with GDAL.
    if (!floor.empty()) {
        std::vector<double> wall, cpu, rss;
        for (int i = 0; i < 5; ++i) {
            const ChildResult c = run_child({floor, "headless"});
            const auto at = c.out.rfind("peak ");
            double mib = 0;
            if (!succeeded(c) || at == std::string::npos || std::sscanf(c.out.c_str() + at, "peak %lf MiB", &mib) != 1)
                continue;
            wall.push_back(c.wall_ms);
            cpu.push_back(c.cpu_ms);
            rss.push_back(mib);
        }
        if (wall.empty()) {
            std::printf("floor: headless context not measured: gl-floor headless failed\n");
        } else {
            std::printf("floor: a bare headless OpenGL context (gl-floor, linked with GDAL), whole process: median %.0f "
                        "ms, CPU %.0f ms, peak memory %.0f MiB (%zu runs)\n",
                        percentile(wall, 50), percentile(cpu, 50), percentile(rss, 50), wall.size());
            rows.push_back({"floor: a bare headless OpenGL context, whole process, wall", percentile(wall, 50), "ms", 0, ""});
            rows.push_back({"floor: a bare headless OpenGL context, whole process, CPU", percentile(cpu, 50), "ms", 0, ""});
            rows.push_back({"floor: a bare headless OpenGL context, peak memory", percentile(rss, 50), "MiB", 0, ""});
        }
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
            const char* figure;
            double limit;
            const char* target;
        };
        const Job jobs[] = {
            {"export 8192x8192 PNG",
             {self, "--data", o.data.dir, "--export", dir + "/big.png", "--size", "8192x8192"},
             "8192x8192 PNG export, whole process", 3000, "≤ 3 s"},
            {"the tour as PNG and PDF (10 slides each with captions, and the handout) at 1920x1080",
             {self, "--data", o.data.dir, "--export-tour", dir, "--size", "1920x1080", "--format", "png,pdf"},
             "the whole tour as PNG and PDF with the handout, 1920x1080", 1500, "≤ 1.5 s"},
        };
        for (const Job& job : jobs) {
            std::vector<double> wall;
            for (int i = 0; i < 3; ++i) {
                const ChildResult c = run_child(job.args);
                if (!succeeded(c)) {
                    std::fprintf(stderr, "ca-atlas: benchmark: %s failed\n", job.what);
                    return 1;
                }
                wall.push_back(c.wall_ms);
                std::error_code ec;  // the next run writes into an empty folder again
                for (const auto& e : std::filesystem::directory_iterator(dir, ec)) std::filesystem::remove(e.path(), ec);
            }
            std::printf("%s, whole process: median %.0f ms, best %.0f ms (3 runs)\n", job.what, percentile(wall, 50),
                        percentile(wall, 0));
            rows.push_back({job.figure, percentile(wall, 50), "ms", job.limit, job.target});
        }
        rmdir(tmpl);
    }

    // 6. The tour as a video, 1080p at 30 fps, each a whole process: as it is written by default
    // (8 s a scene) and with the flights most of it (1 s a scene). It must be written faster than
    // it plays: its writing time over its playing time, below 1.
    {
        char tmpl[] = "/tmp/ca-atlas-bench-XXXXXX";
        if (!mkdtemp(tmpl)) return 1;
        const std::string video = std::string(tmpl) + "/tour.mp4";
        for (const double hold : {8.0, 1.0}) {
            char hold_text[16];
            std::snprintf(hold_text, sizeof hold_text, "%g", hold);
            const ChildResult c = run_child({self, "--data", o.data.dir, "--export-video", video, "--size", "1920x1080",
                                             "--fps", "30", "--hold-seconds", hold_text});
            std::filesystem::remove(video);
            // Its length, as it says: "wrote FILE: 2832 frames, 94.4 s at 30 fps, ..."
            const auto said = c.out.find(" frames, ", c.out.find("ca-atlas: wrote "));
            const double seconds = said == std::string::npos ? 0 : std::atof(c.out.c_str() + said + 9);
            if (!succeeded(c) || seconds <= 0) {
                std::fprintf(stderr, "ca-atlas: benchmark: the tour's video failed\n");
                return 1;
            }
            std::printf("the tour as a 1920x1080 video at 30 fps, %s s a scene (%.1f s long), whole process: %.0f ms wall, "
                        "%.0f ms CPU\n",
                        hold_text, seconds, c.wall_ms, c.cpu_ms);
            rows.push_back({std::string("the tour as a 1080p30 video, ") + hold_text +
                                " s a scene: writing time / playing time",
                            c.wall_ms / 1000 / seconds, "", 1, "< 1 (faster than it plays)"});
        }
        rmdir(tmpl);
    }
    print_table(rows);
    return 0;
}

int run_bench_vs(const Options& o, const std::string& self, const std::string& other) {
    // The other build, this, this, the other: each build runs as often early as late, so a
    // machine that slows down or speeds up during the runs weighs on both alike. The other first:
    // a program that is no benchmark of this kind is found before this one's runs.
    const std::string* order[] = {&other, &self, &self, &other};
    std::map<std::string, std::vector<double>> mine, theirs;
    std::vector<std::string> figures;  // in this build's order
    for (const std::string* bin : order) {
        std::printf("running %s --bench ...\n", bin->c_str());
        std::fflush(stdout);
        const ChildResult c = run_child({*bin, "--data", o.data.dir, "--bench"}, true);
        const auto table = read_table(c.out);
        if (!succeeded(c) || table.empty()) {
            std::fprintf(stderr, "ca-atlas: benchmark: %s --bench %s\n", bin->c_str(),
                         succeeded(c) ? "printed no table of figures (a build older than --vs?)" : "failed");
            return 1;
        }
        for (const auto& [figure, value] : table) {
            (bin == &self ? mine : theirs)[figure].push_back(value);
            if (bin == &self && std::find(figures.begin(), figures.end(), figure) == figures.end())
                figures.push_back(figure);
        }
    }
    std::printf("\n| figure | this build | %s | this / that |\n|---|---|---|---|\n", other.c_str());
    for (const std::string& f : figures) {
        auto mean = [](const std::vector<double>& v) { return v.empty() ? 0.0 : (v.front() + v.back()) / 2; };
        const double a = mean(mine[f]);
        if (!theirs.count(f)) {
            std::printf("| %s | %s | | |\n", f.c_str(), number(a).c_str());
            continue;
        }
        const double b = mean(theirs[f]);
        std::printf("| %s | %s | %s | %.2f |\n", f.c_str(), number(a).c_str(), number(b).c_str(), b > 0 ? a / b : 0);
    }
    std::printf("(each the mean of 2 runs of each build, run that, this, this, that)\n");
    return 0;
}

}  // namespace atlas
