// The command line: every option parsed and its value checked into Options (see command_line.hpp).
#include "command_line.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/decorations.hpp"
#include "core/errors.hpp"
#include "core/tour.hpp"
#include "export/export_format.hpp"
#include "export/figure.hpp"
#include "geo/facts_export.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"
#include "geo/raster.hpp"
#include "geo/user_layer_load.hpp"

namespace atlas {

namespace {

// What the options take as text or flags before their values are checked into Options.
struct Given {
    std::string view_text, size_text, date_text, view_from, layers_given, hide_given, paper, random_input, quiz_seed;
    float scale = 0;
    double dpi = 0;
    bool no_captions = false, furniture = false;
};

// A day given as text (`what` names where it came from), within the atlas's timeline.
Date checked_date(const std::string& text, const std::string& what, const std::string& example) {
    const auto d = Date::parse(text);
    if (!d) throw UsageError("invalid " + what + " '" + text + "': expected YYYY-MM-DD" + example);
    if (*d < kTimelineStart || *d > kTimelineEnd)
        throw UsageError("invalid " + what + " '" + text + "': the atlas covers " + kTimelineStart.str() + " to " +
                         kTimelineEnd.str());
    return *d;
}

// Every option, its help and where its value goes.
void add_options(CLI::App& app, CommandLine& cl, Given& r, const std::string& version) {
    std::string projection_ids;
    for (const auto& p : projections()) projection_ids += (projection_ids.empty() ? "" : ", ") + std::string(p.id);

    app.set_version_flag("--version", "ca-atlas " + version);
    app.footer(
        "Data: the installed folder (<prefix>/share/ca-atlas beside the program, or ca-atlas/ in $XDG_DATA_DIRS); "
        "the tour's edits are kept in $XDG_DATA_HOME/ca-atlas/ (~/.local/share/ca-atlas/) unless --data is given.\n\n"
        "Exit codes: 0 success; 1 a runtime failure (missing or corrupt data, no font, an unwritable path, no "
        "OpenGL); 2 a bad argument.");
    app.add_option("--data", cl.data_given,
                   "Data folder: atlas.gpkg, article.json, the fact tables and tour.csv, whose edits are then saved "
                   "there too (default: the installed data)");
    app.add_option("--check-data", cl.check_dir,
                   "Check the data folder (default: --data's) and print every problem as file:line; exit 1 if "
                   "there is any")
        ->expected(0, 1);
    app.add_option("--projection", cl.options.projection, "Map projection: " + projection_ids + " (default: albers)");
    app.add_option("--view", r.view_text,
                   "View centre and height: LON,LAT,HEIGHT_KM (default: " + format_view(View{}) + ")");
    app.add_option("--date", r.date_text,
                   "Day the membership overlays show, YYYY-MM-DD, 1992-01-01 to 2026-12-31 (default: " +
                       kArticleDate.str() + ", the article's present)");
    app.add_option("--layers", r.layers_given,
                   "The layers shown, separated by commas: any of " + layers_text(Layers{}) +
                       ", or all (default: all); e.g. countries,memberships,labels");
    app.add_option("--hide", r.hide_given,
                   "Layers not shown, separated by commas (the same names): taken away after --layers, or from "
                   "all of them, or from those a --view-from file recorded; e.g. --hide graticule");
    app.add_option("--layer", cl.options.user_layers,
                   "Draw a vector file of your own over the map, in the window and in exports: GeoJSON, Shapefile, "
                   "KML or KMZ, GeoPackage, GPX, or CSV with lon/lat (or x/y, or WKT) columns; repeat for several. "
                   "Labelled by its name field, or FIELD given as FILE?label=FIELD (FILE?label= for no labels); a "
                   "file without a coordinate system is read as WGS 84 lon/lat")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--select", cl.options.select,
                   "Select an entity: a country (ISO code, e.g. KGZ), a place (kant-airbase), a region "
                   "(afghan-badakhshan) or an organisation (csto); the window flies there, an export outlines it");
    app.add_option("--view-from,view-from", r.view_from,
                   "Open at the view recorded in a PNG or GeoTIFF the atlas exported: its centre, height, "
                   "projection, date, selection and layers, and with --export the figure too: its size, title, "
                   "legend and other decorations, caption, dpi, scale and transparent sea (options given as well "
                   "override them; a decoration's switch can only add to those recorded)");
    app.add_option("--present", cl.options.present,
                   "Open full screen in the presentation mode at this scene of the tour (1 = the first; "
                   "F5 in the window; Esc leaves it)");
    app.add_flag("--quiz", cl.options.quiz,
                 "Open the window with the map quiz (Q in the window): ten questions made from the facts, each "
                 "answered by a click on the map and taught by the article's passage; with --present, the class's "
                 "quiz over that scene (Q in the presentation): each question in the caption, answered aloud, the "
                 "answer shown by R or the clicker");
    app.add_option("--export-quiz", cl.options.export_quiz,
                   "Write the quiz as worksheet.pdf (the map without names, the questions, lines to write on) and "
                   "answers.pdf (each answer with the passage that teaches it and its citation) into this folder, "
                   "made if missing, no display needed; --quiz-seed gives the round, --paper the sheet (default "
                   "a4-portrait)");
    app.add_option("--quiz-seed,--seed", r.quiz_seed,
                   "The quiz's round, a whole number: the same number gives a class the same questions (default: a "
                   "new round each time)");
    app.add_option("--flight-seconds", cl.options.flight_seconds,
                   "Presentation: how long a flight between scenes takes, 0.3 to 5 seconds (default: 1.6)")
        ->check(CLI::Range(0.3, 5.0));
    app.add_option("--export-tour", cl.options.export_tour,
                   "Write one image per scene of the tour (the user's edited tour if saved, else the shipped "
                   "one) into this folder, made if missing, no display needed, and with pdf a handout "
                   "(tour-handout.pdf, a page per scene with its caption); nothing is written unless every one "
                   "succeeds");
    app.add_option("--export-video", cl.options.export_video,
                   "Write the presentation of the tour (its flights, captions and legends, as F5 shows them) as a "
                   "video here: H.264 in MP4, which browsers and presentation programs play; no display needed; "
                   "--size (default 1920x1080), --fps, --hold-seconds; nothing is written unless it is complete");
    app.add_option("--export-facts", cl.options.export_facts,
                   "Write the facts as GIS data here, no display needed: a GeoPackage (.gpkg), GeoJSON (.geojson, "
                   ".json) or KML for Google Earth (.kml), by the name's extension: the places, the regions, "
                   "Afghanistan's northern border, the countries' standing on --date and every membership as a "
                   "time span, each with the passages that put it there, quoted, its source and the citation");
    app.add_option("--fps", cl.options.video_fps, "With --export-video: frames per second, 1 to 120 (default: 30)")
        ->check(CLI::Range(1, 120));
    app.add_option("--hold-seconds", cl.options.hold_seconds,
                   "With --export-video: how long each scene is shown once the flight to it has landed, 0.5 to "
                   "600 seconds (default: 8)")
        ->check(CLI::Range(0.5, 600.0));
    app.add_flag("--no-captions", r.no_captions,
                 "With --export-tour: slides of the map alone, without the scene's number, title, passage, legend and "
                 "attribution along the bottom");
    app.add_option("--format", cl.options.tour_formats,
                   "With --export-tour: any of png, tif, svg, pdf, comma-separated (default: png)");
    app.add_option("--export", cl.options.export_path,
                   "Render offscreen (no display needed), write the map here and exit: a PNG, or by the "
                   "name's extension a GeoTIFF (.tif), an SVG (.svg) or a PDF (.pdf)");
    app.add_option("--size", r.size_text, "Image or window size WIDTHxHEIGHT in pixels (export default: 1920x1080)");
    app.add_option("--scale", r.scale, "Export text and line scale (default: image height / 1080, at least 1)");
    app.add_option("--title", cl.options.figure.title, "Export: a title in the top left corner");
    app.add_flag("--legend", cl.options.figure.legend, "Export: the legend of the membership classes in view");
    app.add_flag("--scale-bar", cl.options.figure.scale_bar, "Export: a scale bar, correct at the view's centre");
    app.add_flag("--attribution", cl.options.figure.attribution, "Export: the data sources along the bottom");
    app.add_flag("--citation", cl.options.figure.citation, "Export: the article's citation along the bottom");
    app.add_option("--caption", cl.options.figure.caption_passage,
                   "Export: quote this passage of the article (an id such as integration-6) along the bottom, "
                   "with its citation");
    app.add_flag("--furniture", r.furniture, "Export: all of --legend, --scale-bar, --attribution and --citation");
    app.add_flag("--transparent-sea", cl.options.transparent_sea,
                 "Export to PNG or GeoTIFF: with an alpha channel, transparent where nothing is drawn over the sea "
                 "(the countries opaque, their coasts' edges partly), to lay the map over another basemap");
    app.add_option("--dpi", r.dpi,
                   "Export: print resolution, 72 to 1200; text and lines scale with it (dpi / 96) and it is "
                   "recorded in the file");
    app.add_option("--paper", r.paper,
                   "Export: the size of a sheet at --dpi (default 300): a5, a4, a3 or letter, landscape, or with "
                   "-portrait (a4-portrait); instead of --size");
    app.add_option("--ui-scale", cl.options.ui_scale,
                   "Window: the interface's and the map's text and sizes, 0.5 to 4 (default: the display's dots "
                   "per inch / 96)")
        ->check(CLI::Range(0.5, 4.0));
    app.add_flag("--timings", cl.options.timings, "With --export or --export-tour: print each phase's time and peak memory to stderr");
    app.add_flag("--bench", cl.bench,
                 "Measure start-up, frame and export times, beside Mapnik's where Debian's python3-mapnik is "
                 "installed, and print them with their targets (needs a display)");
    app.add_option("--vs", cl.bench_vs,
                   "With --bench: run this build's benchmark and this other build's program alternately (that, "
                   "this, this, that) and print both builds' figures and their ratios");
    app.add_option("--window-screenshot", cl.options.window_screenshot,
                   "Open the window, write its first frame to this PNG, quit");
    app.add_flag("--exit-after-first-frame", cl.options.exit_after_first_frame,
                 "Open the window, print the time of the first frame shown, quit (used by --bench)");
    app.add_option("--random-input", r.random_input,
                   "Open the window, feed it random input (keys, clicks, drags, wheel) from SEED,EVENTS, print "
                   "the memory held after the first tenth and at the end, quit (a robustness test)");
}

// WIDTHxHEIGHT, within the command line's bounds; `what` names where the text came from.
std::pair<int, int> checked_size(const std::string& text, const std::string& what) {
    long long w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%lld%c%lld%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
        throw UsageError("invalid " + what + " '" + text + "': expected WIDTHxHEIGHT, e.g. 3840x2160");
    if (w <= 0 || h <= 0) throw UsageError("invalid " + what + " '" + text + "': width and height must be positive");
    // 65536 px is beyond any GPU's framebuffer; the GPU's own limit is checked when rendering.
    if (w > 65536 || h > 65536) throw UsageError("invalid " + what + " '" + text + "': at most 65536 pixels per side");
    return {int(w), int(h)};
}

// The layers named in `text` (separated by commas or spaces; "all": every one); an unknown name is
// refused as `what` gave it ("--layers"), with the names there are.
Layers named_layers(const std::string& text, const std::string& what) {
    std::vector<std::string> words;
    for (size_t start = 0; start <= text.size();) {
        const size_t end = std::min(text.find_first_of(", ", start), text.size());
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    std::string unknown;
    const Layers layers = parse_layers(words, unknown);
    if (!unknown.empty())
        throw UsageError("invalid " + what + ": unknown layer '" + unknown + "' (one of " + layers_text(Layers{}) +
                         ", all)");
    return layers;
}

// A recorded number, all of `text`, within lo..hi (`range`: "72..1200", as the option it stands
// for allows).
template <typename Number>
Number recorded_number(const std::string& text, const std::string& what, Number lo, Number hi, const char* range) {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        throw UsageError("invalid " + what + " '" + text + "': expected a number");
    if (!(value >= lo && value <= hi))
        throw UsageError("invalid " + what + " '" + text + "': must be within " + range);
    return value;
}

// --view-from: what a PNG or GeoTIFF the atlas wrote recorded (figure_records). Everywhere its
// view, projection, date, selection and layers; for --export the figure as well: its size, title,
// decorations, caption, dpi, scale and transparent sea. What is given on the command line wins
// (--view, --date and --hide are applied after this; a decoration's switch only adds one, as no
// option turns one off). Each record is checked as the option it stands for, and named as where
// it came from.
void apply_view_from(const CLI::App& app, Options& o, const std::string& view_from) {
    const auto given = [&](const char* option) { return app.get_option(option)->count() > 0; };
    std::map<std::string, std::string> recorded;
    try {
        for (auto& [k, v] : read_image_records(view_from)) recorded[k] = v;
    } catch (const DataError& e) {
        throw UsageError(std::string("invalid --view-from: ") + e.what());
    }
    if (!recorded.count(kPngViewKey))
        throw UsageError("invalid --view-from '" + view_from + "': no view recorded in it (not exported by the atlas)");
    const std::string from = "--view-from '" + view_from + "': recorded";
    const auto record = [&](const char* key) -> const std::string* {
        const auto it = recorded.find(key);
        return it == recorded.end() ? nullptr : &it->second;
    };
    o.view = parse_view(recorded[kPngViewKey], from + " view");
    o.view_given = true;
    if (const std::string* projection = record(kPngProjectionKey); projection && !given("--projection")) {
        o.projection = *projection;
        try {
            projection_info(o.projection);
        } catch (const UsageError& e) {
            throw UsageError("invalid " + from + " projection: " + e.what());
        }
    }
    if (const std::string* date = record(kPngDateKey)) o.date = checked_date(*date, from + " date", "");
    if (const std::string* selected = record(kPngSelectedKey); selected && !given("--select")) {
        o.select = *selected;
        o.select_from = from + " selection";
    }
    if (const std::string* layers = record(kRecordLayersKey); layers && !given("--layers"))
        o.layers = named_layers(*layers == "none" ? "" : *layers, from + " layers '" + *layers + "'");
    // The user's layers it showed, then those --layer adds (each file read again: a file since
    // moved or removed is named when it is opened).
    if (const std::string* user = record(kRecordUserLayersKey)) {
        std::vector<std::string> files;
        std::istringstream lines(*user);
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) files.push_back(line);
        // A layer recorded and given again is drawn once, labelled as --layer says.
        for (const std::string& f : o.user_layers) {
            const std::string id = load_user_layer_id(f);
            const auto same = std::find_if(files.begin(), files.end(),
                                           [&](const std::string& r) { return load_user_layer_id(r) == id; });
            if (same == files.end())
                files.push_back(f);
            else if (parse_user_layer_ref(f).label)
                *same = f;
        }
        o.user_layers = std::move(files);
    }
    if (o.export_path.empty()) return;  // the figure is an export's
    if (const std::string* size = record(kRecordSizeKey); size && !given("--size") && !given("--paper"))
        std::tie(o.width, o.height) = checked_size(*size, from + " size");
    if (const std::string* title = record(kRecordTitleKey); title && !given("--title")) o.figure.title = *title;
    if (const std::string* switches = record(kRecordDecorationsKey)) {
        std::string unknown;
        if (!parse_decoration_switches(*switches, o.figure, unknown))
            throw UsageError("invalid " + from + " decorations '" + *switches + "': unknown decoration '" + unknown +
                             "' (any of legend, scale-bar, attribution, citation)");
    }
    if (const std::string* caption = record(kRecordCaptionKey); caption && !given("--caption")) {
        o.figure.caption_passage = *caption;
        o.caption_from = from + " caption";
    }
    if (const std::string* dpi = record(kRecordDpiKey); dpi && !given("--dpi") && !given("--paper"))
        o.dpi = recorded_number(*dpi, from + " dpi", 72.0, 1200.0, "72..1200");
    if (const std::string* scale = record(kRecordScaleKey); scale && !given("--scale"))
        o.scale = recorded_number(*scale, from + " scale", 0.1f, 20.0f, "0.1..20");
    if (const std::string* sea = record(kRecordTransparentSeaKey)) {
        if (*sea != "yes") throw UsageError("invalid " + from + " transparent sea '" + *sea + "': expected yes");
        o.transparent_sea = !is_vector_path(o.export_path);  // SVG and PDF draw the sea
    }
}

// The options' values checked and converted; throws UsageError naming the option.
// --vs: a program to run, and only beside --bench.
void check_bench_vs(const CommandLine& cl) {
    if (cl.bench_vs.empty()) return;
    if (!cl.bench) throw UsageError("--vs compares benchmarks: it needs --bench");
    if (access(cl.bench_vs.c_str(), X_OK) != 0 || std::filesystem::is_directory(cl.bench_vs))
        throw UsageError("invalid --vs '" + cl.bench_vs + "': not a program that can be run");
}

void check_values(const CLI::App& app, Given& r, Options& o) {
    if (!r.view_from.empty())
        apply_view_from(app, o, r.view_from);
    projection_info(o.projection);
    if (!r.view_text.empty()) {
        o.view = parse_view(r.view_text);
        o.view_given = true;
    }
    if (!r.date_text.empty()) o.date = checked_date(r.date_text, "--date", ", e.g. 2012-12-31");
    if (!r.size_text.empty()) std::tie(o.width, o.height) = checked_size(r.size_text, "--size");
    o.tour_captions = !r.no_captions;
    if (r.furniture) o.figure.legend = o.figure.scale_bar = o.figure.attribution = o.figure.citation = true;
    if (r.dpi != 0 || !r.paper.empty()) {
        if (r.dpi == 0) r.dpi = 300;  // print quality, the usual request of a printer
        if (!(r.dpi >= 72 && r.dpi <= 1200)) throw UsageError("invalid --dpi: must be within 72..1200");
        o.dpi = r.dpi;
    }
    if (!r.paper.empty()) {
        if (!r.size_text.empty()) throw UsageError("--paper and --size both give the image's size: use one");
        const auto sheet = paper_size_px(r.paper, r.dpi);
        if (!sheet)
            throw UsageError("invalid --paper '" + r.paper + "': expected a5, a4, a3 or letter, optionally -portrait");
        o.width = sheet->first;
        o.height = sheet->second;
    }
    // An empty name would otherwise read as "not given" and open the window instead.
    for (const char* named :
         {"--export", "--export-tour", "--export-quiz", "--export-video", "--export-facts", "--window-screenshot"})
        if (app.get_option(named)->count() > 0 && app.get_option(named)->as<std::string>().empty())
            throw UsageError(std::string("invalid ") + named + " '': needs a file or folder name");
    if (app.get_option("--present")->count() > 0 && o.present < 1)
        throw UsageError("invalid --present " + std::to_string(o.present) + ": scenes are numbered from 1");
    if (!o.export_quiz.empty()) o.quiz_paper = r.paper;
    if (app.get_option("--quiz-seed")->count() > 0) {
        unsigned long long seed = 0;
        char extra = 0;
        if (r.quiz_seed.empty() || r.quiz_seed[0] == '-' ||
            std::sscanf(r.quiz_seed.c_str(), "%llu%c", &seed, &extra) != 1 || seed > 4294967295ULL)
            throw UsageError("invalid --quiz-seed '" + r.quiz_seed + "': expected a whole number from 0 to 4294967295");
        o.quiz_seed = unsigned(seed);
    }
    if (!r.random_input.empty()) {
        unsigned long long seed = 0;
        long long events = 0;
        char extra = 0;
        if (std::sscanf(r.random_input.c_str(), "%llu,%lld%c", &seed, &events, &extra) != 2 || events < 1 ||
            events > 10000000)
            throw UsageError("invalid --random-input '" + r.random_input + "': expected SEED,EVENTS, e.g. 7,5000");
        o.random_seed = unsigned(seed);
        o.random_events = int(events);
    }
    if (!o.export_path.empty()) export_format(o.export_path);
    if (!o.export_facts.empty() && !facts_format(o.export_facts)) {
        const std::string ext = std::filesystem::path(o.export_facts).extension().string();
        throw UsageError("invalid --export-facts '" + o.export_facts + "': " +
                         (ext.empty() ? std::string("no extension") : "unknown extension '" + ext + "'") +
                         "; the facts are written as " + kFactsExtensions);
    }
    if (!r.layers_given.empty()) o.layers = named_layers(r.layers_given, "--layers");
    // --hide after --layers (or all, or the recorded ones): "--layers all --hide graticule".
    if (!r.hide_given.empty()) {
        const Layers hidden = named_layers(r.hide_given, "--hide");
        for (auto member : layer_members())
            if (hidden.*member) o.layers.*member = false;
    }
    if (app.get_option("--transparent-sea")->count() > 0 && (o.export_path.empty() || is_vector_path(o.export_path)))
        throw UsageError("--transparent-sea is for a PNG or GeoTIFF export (--export FILE.png or FILE.tif)");
    if (r.scale != 0) {
        if (!(r.scale >= 0.1f && r.scale <= 20.0f)) throw UsageError("invalid --scale: must be within 0.1..20");
        o.scale = r.scale;
    }
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv, const std::string& version) {
    CommandLine cl;
    Given given;
    CLI::App app{"ca-atlas: an offline map of Central Asia's security organisations (CSTO, SCO)"};
    add_options(app, cl, given, version);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {  // --help, --version
            std::ostringstream out, err;
            cl.exit_code = app.exit(e, out, err);
            cl.out = out.str();
            cl.error = err.str();
        } else {
            cl.exit_code = 2;
            cl.error = std::string("ca-atlas: ") + e.what() + " (ca-atlas --help lists the options)\n";
        }
        return cl;
    }

    try {
        check_values(app, given, cl.options);
        check_bench_vs(cl);
    } catch (const UsageError& e) {
        cl.exit_code = 2;
        cl.error = std::string("ca-atlas: ") + e.what() + "\n";
        return cl;
    }
    cl.check = app.get_option("--check-data")->count() > 0;
    return cl;
}

}  // namespace atlas
