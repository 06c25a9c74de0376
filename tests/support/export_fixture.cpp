// The map, measure and states the tests of the exports share (export_fixture.hpp).
#include "export_fixture.hpp"

#include <algorithm>

#include "paths.hpp"

namespace atlas::test {

MapModel& Vector::model() {
    static const auto m = MapModel::load(test::data_dir(), "albers");
    return *m;
}

TextMeasure Vector::measure() {
    return [](const std::string& t) { return font().measure(t); };
}

AppState Vector::state_for(const View& view, int w, int h, const Layers& layers, Date date, const std::string& selected,
                           const std::vector<std::string>& members) {
    AppState s;
    s.layers = layers;
    s.date = date;
    s.selected = selected;
    s.selected_members = members;
    s.camera = camera_for_view(*model().projection, view, w, h);
    s.pixel_scale = std::max(1.0f, float(h) / 1080.0f);
    return s;
}

}  // namespace atlas::test
