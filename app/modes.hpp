// The program's ways to run, chosen in main.cpp: the interactive window, the headless export of
// one figure, the export of the tour's slides, the data check and the benchmark. Each returns the
// process exit code.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "core/camera.hpp"
#include "core/facts.hpp"
#include "export/figure.hpp"
#include "geo/data_paths.hpp"
#include "session/session.hpp"

namespace atlas {

struct Options {
    DataPaths data;                    // the data folder, and where the tour is read and saved
    std::string projection = "albers";
    View view;                         // the default view frames Central Asia and its neighbours
    bool view_given = false;           // --view or --view-from: the window shows exactly that view
    Date date = kArticleDate;          // the day the overlays show (default: the article's present)
    std::string select;                // an entity to select at start (ISO code, place, region, organisation)
    Layers layers;                     // the layers shown (default: all)
    int present = 0;                   // start the presentation at this scene (1-based; 0: no)
    bool quiz = false;                 // open with the quiz under way
    std::optional<unsigned> quiz_seed; // the quiz's round (default: a new one each time)
    double flight_seconds = 1.6;       // a flight between scenes of the tour: out, across, in
    std::string export_tour;           // write one image per scene of the tour into this folder
    std::string export_quiz;           // write the quiz's worksheet and answers into this folder
    std::string export_video;          // write the presentation of the tour as an MP4 video here
    std::string export_facts;          // write the facts (places, regions, memberships) as GIS data here
    int video_fps = 30;                // with export_video: frames per second
    double hold_seconds = 8;           // with export_video: how long each scene is shown once landed
    std::string quiz_paper;            // with export_quiz: the sheet (--paper; default A4 portrait)
    bool tour_captions = true;         // with export_tour: each slide carries its scene's caption
    std::string tour_formats = "png";  // with export_tour: any of "png", "tif", "svg", "pdf", comma-separated
    int width = 0, height = 0;         // 0: the mode's default
    std::optional<float> scale;        // text and line scale of an export (default: height / 1080)
    std::string export_path;
    std::string window_screenshot;        // window mode: write the first frame here and quit
    bool exit_after_first_frame = false;  // window mode: print the first-frame time and quit (benchmark)
    // window mode: feed this many random input events from this seed, print the memory, quit (0: off)
    unsigned random_seed = 0;
    int random_events = 0;
    bool timings = false;                 // export: print each phase's time and peak memory to stderr
    FigureChoice figure;                  // an export's decorations (title, legend, scale bar, ...)
    double dpi = 0;                       // an export's print resolution (0: none; text scales with it)
    bool transparent_sea = false;         // a PNG or GeoTIFF export: the sea transparent (alpha)
    // Where `select` and figure.caption_passage came from, as their messages name it: the option,
    // or the --view-from file that recorded them ("--view-from 'a.png': recorded caption").
    std::string select_from = "--select", caption_from = "--caption";
    float ui_scale = 0;                   // window: text and sizes (0: from the display's DPI)
    std::vector<std::string> user_layers;  // --layer: the user's own vector files, drawn over the map
};

// Exit codes: 0 success, 1 a runtime failure (data, output, GL), 2 bad arguments.
int run_window(const Options& options);
int run_export(const Options& options);
int run_export_tour(const Options& options);
// `--export-quiz DIR`: the quiz of round --quiz-seed as worksheet.pdf and answers.pdf; exit code.
int run_export_quiz(const Options& options);
// `--export-facts FILE`: the facts as GeoPackage, GeoJSON or KML (by the extension), their standing
// on --date; no display needed. Exit code.
int run_export_facts(const Options& options);
// `--export-video FILE`: the presentation of the tour, flights and captions, as H.264 in MP4 (in
// the program ca-atlas-video, which alone links FFmpeg).
int run_export_video(const Options& options);
// Prints each figure as it is measured, then the table of figures with their targets (Markdown:
// "| figure | value unit | target | met |"); beside Mapnik where it is installed.
int run_bench(const Options& options, const std::string& self_path);
// Runs `self_path --bench` and `other --bench` alternately (other, this, this, other) and prints
// each figure of both tables and their ratio. 1 if either fails or prints no table.
int run_bench_vs(const Options& options, const std::string& self_path, const std::string& other);
// Validates the data folder and the tour read with it, and prints the report (0: consistent, 1:
// problems found).
int run_check_data(const DataPaths& data);

// The window mode's parts the benchmark shares, so that it times the window's own frames.
class Window;
class Renderer;
// How the window's session starts, from the command line.
SessionOptions session_options(const Options& options);
// One frame of the window: `events` to the session, the panels, the session's update, the map and
// the panels drawn (the swap is the caller's). `pointer`: where the pointer is (nothing: ask SDL).
// With `shown` (what the screen shows, as the last drawn frame left it): a frame that would look
// the same (the same map frame, size and panels' draw data) is not drawn, and false is returned;
// otherwise it is drawn, `shown` updated, and true returned (swap then).
bool window_frame(Window& window, Session& session, Renderer& renderer, const TextMeasure& measure,
                  const std::vector<InputEvent>& events, const std::optional<InputEvent>& pointer, long long now_ns,
                  std::size_t* shown = nullptr);

// What the headless modes share (export_mode.cpp).
// --timings: each phase's time since the mode began and the peak memory so far, on stderr.
class Phases {
public:
    Phases(bool on, int width);
    void operator()(const std::string& what) const;
    long long start_ns() const { return t0_; }

private:
    bool on_;
    int width_;
    long long t0_;
};
// Nothing is written from data with problems: each is printed, then a DataError counts them.
void refuse_problems(const MapModel& m, const std::string& data_dir);
// --layer: each file read (load_user_layer) and added to `m` in order, what the reader assumed
// printed on stderr; throws DataError naming a file that cannot be drawn.
void add_user_layers(MapModel& m, const std::vector<std::string>& paths);
// The user's layers a tour's slides or video draw: --layer's (`given`), then each scene's own not
// given already (by file), in the order the tour first shows them; read all before the first
// slide or frame, so each appears with its scene and not when a worker is done with it.
std::vector<std::string> tour_user_layers(const std::vector<std::string>& given, const std::vector<Scene>& tour);
// A mode that failed: the reason as one line on stderr, and the exit code (2 for a bad argument,
// a UsageError, else 1).
int failure(const std::exception& e);

// Peak resident memory of this process so far, in MiB (VmHWM).
double peak_memory_mib();
// The memory the process holds now (resident set), in MiB; 0 if unknown.
double resident_memory_mib();

// Monotonic clock in nanoseconds (CLOCK_MONOTONIC, comparable across processes).
long long monotonic_ns();

}  // namespace atlas
