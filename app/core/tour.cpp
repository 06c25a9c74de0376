#include "tour.hpp"

#include <algorithm>

namespace atlas {

namespace {
bool Layers::*const kMembers[] = {&Layers::countries,   &Layers::provinces,       &Layers::labels,
                                  &Layers::memberships, &Layers::northern_border, &Layers::regions,
                                  &Layers::places,      &Layers::capitals,        &Layers::graticule};
}  // namespace

const std::vector<std::string>& layer_names() {
    static const std::vector<std::string> names{"countries", "provinces", "labels",   "memberships", "northern_border",
                                                "regions",   "places",    "capitals", "graticule"};
    return names;
}

std::string layers_text(const Layers& layers) {
    std::string out;
    for (size_t i = 0; i < layer_names().size(); ++i)
        if (layers.*kMembers[i]) out += (out.empty() ? "" : " ") + layer_names()[i];
    return out;
}

Layers parse_layers(const std::vector<std::string>& words, std::string& unknown) {
    Layers out;
    for (auto m : kMembers) out.*m = false;
    unknown.clear();
    for (const auto& w : words) {
        if (w == "all") {
            for (auto m : kMembers) out.*m = true;
            continue;
        }
        const auto it = std::find(layer_names().begin(), layer_names().end(), w);
        if (it == layer_names().end()) {
            if (unknown.empty()) unknown = w;
            continue;
        }
        out.*kMembers[size_t(it - layer_names().begin())] = true;
    }
    return out;
}

}  // namespace atlas
