// `ca-atlas --export-tour DIR`: one image per scene of the tour (slides), with no display. All the
// files are written in a temporary folder inside DIR and moved into place only when every one is
// done: a failure leaves DIR as it was.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/errors.hpp"
#include "core/explore.hpp"
#include "export.hpp"
#include "geo/model.hpp"
#include "geo/project.hpp"
#include "modes.hpp"
#include "platform/headless.hpp"
#include "render/font.hpp"

namespace atlas {

namespace fs = std::filesystem;

int run_export_tour(const Options& o) {
    const int w = o.width > 0 ? o.width : 1920, h = o.height > 0 ? o.height : 1080;
    std::vector<std::string> formats;
    {
        std::stringstream in(o.tour_formats);
        for (std::string f; std::getline(in, f, ',');)
            if (!f.empty()) formats.push_back(f);
    }
    for (const auto& f : formats)
        if (f != "png" && f != "tif") {
            std::fprintf(stderr, "ca-atlas: invalid --format '%s': the tour exports png and tif\n", f.c_str());
            return 2;
        }
    if (formats.empty()) formats.push_back("png");
    const fs::path dir = o.export_tour;
    const fs::path tmp = dir / (".ca-atlas-tour-" + std::to_string(::getpid()));
    std::vector<fs::path> written;
    try {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) throw OutputError("cannot write into '" + dir.string() + "': not a folder");
        if (!fs::create_directory(tmp, ec) || ec)
            throw OutputError("cannot write into '" + dir.string() + "': " + (ec ? ec.message() : "it exists"));
        HeadlessContext gl;
        require_gl33();
        Font font;
        Renderer renderer(font);
        // One model per projection the scenes use, built when first needed.
        std::map<std::string, std::unique_ptr<MapModel>> models;
        auto model_for = [&](const std::string& projection) -> MapModel& {
            auto& m = models[projection];
            if (!m) {
                m = MapModel::load(o.data_dir, projection);
                if (!m->problems.empty()) {
                    for (const auto& p : m->problems) std::fprintf(stderr, "%s\n", p.str().c_str());
                    throw DataError(std::to_string(m->problems.size()) + " problems in the data folder " + o.data_dir +
                                    "; nothing was written");
                }
            }
            return *m;
        };
        const auto tour = model_for(o.projection).tour;
        if (tour.empty()) throw DataError(o.data_dir + "/tour.csv: the tour has no scene");
        const TextMeasure measure = [&](const std::string& t) { return font.measure(t); };
        const MapModel* uploaded = nullptr;
        for (size_t i = 0; i < tour.size(); ++i) {
            const Scene& sc = tour[i];
            MapModel& m = model_for(sc.projection);
            AppState state;
            apply_scene(sc, state);
            if (m.facts->organisation(state.selected))
                state.selected_members = members_to_show(*m.facts, state.selected, sc.date);
            std::vector<std::string> outlines = state.selected_members;
            outlines.push_back(state.selected);
            const bool added = add_country_outlines(m.features, *m.world, outlines, sc.projection, m.projected.bounds);
            if (uploaded != &m) renderer.upload(m.projected);
            if (uploaded != &m || added) renderer.upload_features(m.features);
            uploaded = &m;
            state.camera = camera_for_view(*m.projection, sc.view, w, h);
            state.pixel_scale = std::max(1.0f, float(h) / 1080.0f);
            char name[32];
            std::snprintf(name, sizeof name, "%02zu-", i + 1);
            for (const auto& f : formats) {
                const fs::path file = tmp / (name + sc.id + "." + f);
                export_image(renderer, m, state, measure, file.string());
                written.push_back(file);
            }
        }
        // Every file is done: move them into place.
        for (const auto& f : written) fs::rename(f, dir / f.filename());
        fs::remove(tmp);
        std::printf("ca-atlas: wrote %zu files for %zu scenes into %s\n", written.size(), tour.size(),
                    dir.string().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        std::fprintf(stderr, "ca-atlas: %s\n", e.what());
        return 1;
    }
}

}  // namespace atlas
