// ca-atlas: command-line parsing and wiring. Chooses the mode and maps failures to exit codes.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <string>

#include "core/errors.hpp"
#include "export.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"
#include "geo/raster.hpp"
#include "modes.hpp"

#ifndef ATLAS_DEFAULT_DATA_DIR
#error "ATLAS_DEFAULT_DATA_DIR must be defined by the build"
#endif

int main(int argc, char** argv) {
    using namespace atlas;
    Options o;
    o.data_dir = ATLAS_DEFAULT_DATA_DIR;
    std::string view_text, size_text, date_text, view_from;
    bool bench = false;
    float scale = 0;

    std::string projection_ids;
    for (const auto& p : projections()) projection_ids += (projection_ids.empty() ? "" : ", ") + std::string(p.id);

    CLI::App app{"ca-atlas: an offline map of Central Asia's security organisations (CSTO, SCO)"};
    app.add_option("--data", o.data_dir,
                   "Data folder: atlas.gpkg, article.json and the fact tables (default: " ATLAS_DEFAULT_DATA_DIR ")");
    std::string check_dir;
    auto* check = app.add_option("--check-data", check_dir,
                                 "Check the data folder (default: --data's) and print every problem as file:line; "
                                 "exit 1 if there is any")
                      ->expected(0, 1);
    app.add_option("--projection", o.projection, "Map projection: " + projection_ids + " (default: albers)");
    app.add_option("--view", view_text,
                   "View centre and height: LON,LAT,HEIGHT_KM (default: " + format_view(View{}) + ")");
    app.add_option("--date", date_text,
                   "Day the membership overlays show, YYYY-MM-DD, 1992-01-01 to 2026-12-31 (default: " +
                       kArticleDate.str() + ", the article's present)");
    app.add_option("--select", o.select,
                   "Select an entity: a country (ISO code, e.g. KGZ), a place (kant-airbase), a region "
                   "(afghan-badakhshan) or an organisation (csto); the window flies there, an export outlines it");
    app.add_option("--view-from,view-from", view_from,
                   "Open at the view recorded in a PNG the atlas exported: its centre, height, projection, date "
                   "and selection (options given as well override them)");
    app.add_option("--present", o.present,
                   "Open full screen in the presentation mode at this scene of the tour (1 = the first; "
                   "F5 in the window; Esc leaves it)");
    app.add_option("--export-tour", o.export_tour,
                   "Write one image per scene of the tour (geodata/tour.csv) into this folder, no display "
                   "needed, and with pdf a handout (tour-handout.pdf, a page per scene with its caption); "
                   "nothing is written unless every one succeeds");
    app.add_option("--format", o.tour_formats,
                   "With --export-tour: any of png, tif, svg, pdf, comma-separated (default: png)");
    app.add_option("--export", o.export_path,
                   "Render offscreen (no display needed), write the map here and exit: a PNG, or by the "
                   "name's extension a GeoTIFF (.tif), an SVG (.svg) or a PDF (.pdf)");
    app.add_option("--size", size_text, "Image or window size WIDTHxHEIGHT in pixels (export default: 1920x1080)");
    app.add_option("--scale", scale, "Export text and line scale (default: image height / 1080, at least 1)");
    app.add_flag("--timings", o.timings, "With --export: print each phase's time and peak memory to stderr");
    app.add_flag("--bench", bench, "Measure start-up, frame and export times and print them (needs a display)");
    app.add_option("--window-screenshot", o.window_screenshot,
                   "Open the window, write its first frame to this PNG, quit");
    app.add_flag("--exit-after-first-frame", o.exit_after_first_frame,
                 "Open the window, print the time of the first frame shown, quit (used by --bench)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    try {
        if (!view_from.empty()) {
            std::map<std::string, std::string> recorded;
            try {
                for (auto& [k, v] : read_png_text(view_from)) recorded[k] = v;
            } catch (const DataError& e) {
                throw UsageError(std::string("invalid --view-from: ") + e.what());
            }
            if (!recorded.count(kPngViewKey))
                throw UsageError("invalid --view-from '" + view_from +
                                 "': no view recorded in it (not exported by the atlas)");
            o.view = parse_view(recorded[kPngViewKey]);
            if (recorded.count(kPngProjectionKey) && app.get_option("--projection")->count() == 0)
                o.projection = recorded[kPngProjectionKey];
            if (recorded.count(kPngDateKey)) {
                if (const auto d = Date::parse(recorded[kPngDateKey])) o.date = *d;
            }
            if (recorded.count(kPngSelectedKey) && app.get_option("--select")->count() == 0)
                o.select = recorded[kPngSelectedKey];
            // --view and --date given as well still win: they are applied below.
        }
        projection_info(o.projection);
        if (!view_text.empty()) o.view = parse_view(view_text);
        if (!date_text.empty()) {
            const auto d = Date::parse(date_text);
            if (!d) throw UsageError("invalid --date '" + date_text + "': expected YYYY-MM-DD, e.g. 2012-12-31");
            if (*d < kTimelineStart || *d > kTimelineEnd)
                throw UsageError("invalid --date '" + date_text + "': the atlas covers " + kTimelineStart.str() +
                                 " to " + kTimelineEnd.str());
            o.date = *d;
        }
        if (!size_text.empty()) {
            long long w = 0, h = 0;
            char x = 0, extra = 0;
            if (std::sscanf(size_text.c_str(), "%lld%c%lld%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
                throw UsageError("invalid --size '" + size_text + "': expected WIDTHxHEIGHT, e.g. 3840x2160");
            if (w <= 0 || h <= 0)
                throw UsageError("invalid --size '" + size_text + "': width and height must be positive");
            // 65536 px is beyond any GPU's framebuffer; the GPU's own limit is checked when rendering.
            if (w > 65536 || h > 65536)
                throw UsageError("invalid --size '" + size_text + "': at most 65536 pixels per side");
            o.width = int(w);
            o.height = int(h);
        }
        if (scale != 0) {
            if (!(scale >= 0.1f && scale <= 20.0f)) throw UsageError("invalid --scale: must be within 0.1..20");
            o.scale = scale;
        }
    } catch (const UsageError& e) {
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
        return 2;
    }

    if (check->count() > 0) return run_check_data(check_dir.empty() ? o.data_dir : check_dir);
    if (bench) return run_bench(o, argv[0]);
    if (!o.export_tour.empty()) return run_export_tour(o);
    if (!o.export_path.empty()) return run_export(o);
    return run_window(o);
}
