// `ca-atlas --export FILE`: load, project, render offscreen through EGL, write the PNG or GeoTIFF;
// or for an SVG or PDF, draw the projected geometry with no GL at all.
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <future>

#include "core/errors.hpp"
#include "core/explore.hpp"
#include "export/export.hpp"
#include "geo/load.hpp"
#include "geo/project.hpp"
#include "geo/raster.hpp"
#include "geo/user_layer_load.hpp"
#include "modes.hpp"
#include "platform/headless.hpp"
#include "render/font.hpp"
#include "export/vector.hpp"

namespace atlas {

long long monotonic_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

namespace {

// A memory figure of /proc/self/status ("VmHWM", "VmRSS") in MiB; 0 if unknown.
double status_mib(const char* key) {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kib = 0;
    const std::string format = std::string(key) + ": %ld";
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, format.c_str(), &kib) == 1) break;
    std::fclose(f);
    return kib / 1024.0;
}

}  // namespace

double peak_memory_mib() { return status_mib("VmHWM"); }

Phases::Phases(bool on, int width) : on_(on), width_(width), t0_(monotonic_ns()) {}

void Phases::operator()(const std::string& what) const {
    if (on_)
        std::fprintf(stderr, "%-*s %7.1f ms  peak %5.0f MiB\n", width_, what.c_str(), (monotonic_ns() - t0_) / 1e6,
                     peak_memory_mib());
}

void refuse_problems(const MapModel& m, const std::string& data_dir) {
    if (m.problems.empty()) return;
    for (const auto& p : m.problems) std::fprintf(stderr, "%s\n", p.str().c_str());
    throw DataError(std::to_string(m.problems.size()) + (m.problems.size() == 1 ? " problem" : " problems") +
                    " in the data folder " + data_dir + "; nothing was written");
}

int failure(const std::exception& e) {
    std::fprintf(stderr, "ca-atlas: %s\n", e.what());
    return dynamic_cast<const UsageError*>(&e) ? 2 : 1;
}

double resident_memory_mib() { return status_mib("VmRSS"); }

SessionOptions session_options(const Options& o) {
    SessionOptions s;
    s.data = o.data;
    s.projection = o.projection;
    s.view = o.view;
    s.frame_view = !o.view_given;
    s.date = o.date;
    s.layers = o.layers;
    s.select = o.select;
    s.present = o.present;
    s.quiz = o.quiz;
    s.quiz_seed = o.quiz_seed;
    s.flight_seconds = o.flight_seconds;
    s.hover = o.window_screenshot.empty();
    s.user_layers = o.user_layers;
    return s;
}

void add_user_layers(MapModel& m, const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        auto layer = load_user_layer(path);
        for (const auto& note : layer->notes) std::fprintf(stderr, "ca-atlas: layer '%s': %s\n", path.c_str(), note.c_str());
        m.add_user_layer(std::move(layer));
    }
}

std::vector<std::string> tour_user_layers(const std::vector<std::string>& given, const std::vector<Scene>& tour) {
    std::vector<std::string> files = given, ids;
    for (const auto& f : files) ids.push_back(load_user_layer_id(f));
    for (const Scene& sc : tour)
        for (const auto& ref : sc.user_layers)
            if (const std::string id = load_user_layer_id(ref); std::find(ids.begin(), ids.end(), id) == ids.end()) {
                files.push_back(ref);
                ids.push_back(id);
            }
    return files;
}

int run_export(const Options& o) {
    const Phases phase(o.timings, 22);
    const int w = o.width > 0 ? o.width : 1920, h = o.height > 0 ? o.height : 1080;
    const bool vector = is_vector_path(o.export_path);
    try {
        check_writable(o.export_path);
        // The data loads on a worker thread while EGL and the shaders start on this one.
        // An export draws one view: only that view's level of detail is built.
        const double mpp = camera_for_view(Projection(o.projection), o.view, w, h).metres_per_px;
        auto model = std::async(std::launch::async, [&] {
            auto m = MapModel::load(o.data.dir, o.projection, mpp, o.data.tour, o.data.shipped);
            phase("data loaded (worker)");
            return m;
        });
        std::unique_ptr<HeadlessContext> gl;
        std::unique_ptr<Font> font;
        std::unique_ptr<Renderer> renderer;
        try {
            // The labels' fonts (a DataError naming the package when there is none), shared by
            // the measuring, the renderer and the vector writers.
            TextShaper& shaper = shaper_for(kLabelFont);
            if (!vector) {
                gl = std::make_unique<HeadlessContext>();
                phase("GL context");
                require_gl33();
                // Any size up to the command line's bound: bands and tiles go past the GPU's own limit.
                font = std::make_unique<Font>(shaper);
                renderer = std::make_unique<Renderer>(*font);
            }
            // No warm_up() here: an export compiles only the shader variants its drawing uses, as it
            // draws (measured: 147.5 against 152.4 MiB peak, 0.35 against 0.33 s for a 4K export).
            phase("GL ready");
        } catch (...) {
            model.wait();  // let the worker finish before unwinding what it reads
            throw;
        }
        auto m = model.get();
        phase("data projected");
        refuse_problems(*m, o.data.dir);
        add_user_layers(*m, o.user_layers);
        if (!o.select.empty() && (!m->facts || entity_name(o.select, *m->facts, *m->world).empty()))
            throw UsageError("invalid " + o.select_from + " '" + o.select +
                             "': no country, place, region or organisation has that id");
        AppState state;
        state.projection = o.projection;
        state.date = o.date;
        state.layers = o.layers;
        state.selected = o.select;
        m->show_members(state);
        if (renderer) {
            renderer->upload(m->projected);
            renderer->upload_features(m->features);
        }
        (void)m->overlay_paint(o.date, Style{}.overlay);  // needs the lon/lat map: before it goes
        (void)m->selection_outlines(state);               // the same: kept by the model for the frame
        state.camera = camera_for_view(*m->projection, o.view, w, h);
        // Text and lines as on a 1080-line screen, larger for larger images, never smaller; for
        // print, by the resolution (13 px labels at 96 dpi are 10 pt on paper at any dpi).
        state.pixel_scale = o.scale ? *o.scale : o.dpi > 0 ? float(o.dpi / 96.0) : std::max(1.0f, float(h) / 1080.0f);
        // The decorations read the lon/lat map and the article: made before they go.
        Figure figure;
        figure.dpi = o.dpi;
        figure.transparent_sea = o.transparent_sea;
        figure.request = FigureRequest{o.figure, o.scale};  // recorded, so that --view-from remakes it
        if (o.figure.any()) figure.decorations = decorations_for(*m, state, o.figure, o.caption_from);
        // An export draws only what is uploaded, the colours and the label shapes: the lon/lat map
        // and the projected meshes go, and with them the loader's freed heap (its own arena). A
        // vector export draws the projected geometry itself.
        m->world.reset();
        m->article.reset();
        if (renderer) {
            m->projected.countries = {};
            m->projected.levels = {};
            for (auto& r : m->features.regions) {  // on the GPU now; the frame needs only their anchors
                r.lines = {};
                r.layer = {};
                r.coarse.clear();
            }
            phase("geometry uploaded");
        }
        malloc_trim(0);
        // Text with characters no installed font has is drawn without them, and the user told.
        std::vector<std::string> undrawable;
        const TextMeasure measure = measure_noting(shaper_for(kLabelFont), undrawable);
        if (renderer)
            export_image(*renderer, *m, state, measure, o.export_path, figure);
        else
            export_vector(*m, state, measure, o.export_path, figure);
        phase("written");
        if (!undrawable.empty())
            std::fprintf(stderr, "ca-atlas: %s\n", undrawable_note(shaper_for(kLabelFont), undrawable).c_str());
        return 0;
    } catch (const std::exception& e) {
        return failure(e);
    }
}

}  // namespace atlas
