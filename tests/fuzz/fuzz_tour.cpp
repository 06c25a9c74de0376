// Fuzz target: tour.csv (the shipped tour, or a teacher's edited one) through the real loader and
// the checks the Tour panel runs before it saves. A tour that loads without a problem must save
// and load again to the same scenes: saving never changes what nobody edited.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/annotation.hpp"
#include "core/errors.hpp"
#include "core/tour.hpp"
#include "fuzz_support.hpp"
#include "geo/facts_load.hpp"

using namespace atlas;

namespace {

// Every number exactly (17 digits), the drawings in their canonical text (4 decimals by design).
std::string describe(const Scene& s) {
    char view[96];
    std::snprintf(view, sizeof view, "%.17g,%.17g,%.17g", s.view.lon, s.view.lat, s.view.height_km);
    std::string out = s.id;
    for (const std::string* part : {&s.title, &s.projection, &s.passage}) {
        out += "|";
        out += *part;
    }
    out += "|";
    out += view;
    out += "|" + s.date.str();
    out += "|" + layers_text(s.layers);
    out += "|" + format_annotations(s.annotations) + "|";
    for (const auto& h : s.highlight) out += h + " ";
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::Shipped& shipped = fuzz::shipped();
    const std::string& dir = fuzz::data_copy();
    const std::string path = dir + "/edited-tour.csv";
    fuzz::write_file(path, data, size);
    std::vector<DataProblem> problems;
    const std::vector<Scene> scenes = load_tour_file(path, problems);
    const auto checked = tour_problems(scenes, shipped.world, shipped.facts, shipped.article, shipped.projection_ids);
    if (!problems.empty() || !checked.empty() || scenes.empty()) return 0;

    const std::string saved = dir + "/saved-tour.csv";
    try {
        save_tour(saved, scenes);
    } catch (const OutputError& e) {
        fuzz::property_failed(std::string("a tour that loads cleanly cannot be saved: ") + e.what());
    }
    std::vector<DataProblem> again_problems;
    const std::vector<Scene> again = load_tour_file(saved, again_problems);
    if (!again_problems.empty()) fuzz::property_failed("the saved tour does not load: " + again_problems.front().str());
    if (again.size() != scenes.size()) fuzz::property_failed("the saved tour has a different number of scenes");
    for (size_t i = 0; i < scenes.size(); ++i)
        if (describe(again[i]) != describe(scenes[i]))
            fuzz::property_failed("scene " + std::to_string(i + 1) + " changed on saving: '" + describe(scenes[i]) +
                                  "' became '" + describe(again[i]) + "'");
    return 0;
}
