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

namespace atlas {

bool TourPlayer::key(TourKey k, int digit) {
    const size_t before = scene_;
    if (count_ == 0) return false;
    switch (k) {
        case TourKey::Next:
            if (scene_ + 1 < count_) ++scene_;
            typed_.clear();
            break;
        case TourKey::Previous:
            if (scene_ > 0) --scene_;
            typed_.clear();
            break;
        case TourKey::First:
            scene_ = 0;
            typed_.clear();
            break;
        case TourKey::Digit:
            if (digit >= 0 && digit <= 9 && typed_.size() < 4) typed_ += char('0' + digit);
            break;
        case TourKey::Enter:
            if (!typed_.empty()) {
                const size_t n = size_t(std::stoul(typed_));
                if (n >= 1 && n <= count_) scene_ = n - 1;
            }
            typed_.clear();
            break;
        case TourKey::Blank:
            blank_ = !blank_;
            break;
    }
    return scene_ != before;
}

void apply_scene(const Scene& scene, AppState& state) {
    state.projection = scene.projection;
    state.layers = scene.layers;
    state.date = scene.date;
    state.selected = scene.highlight.empty() ? std::string() : scene.highlight.front();
    state.selected_members.clear();
    for (size_t i = 1; i < scene.highlight.size(); ++i) {
        const std::string& h = scene.highlight[i];
        const bool iso = h.size() == 3 && std::all_of(h.begin(), h.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        if (iso) state.selected_members.push_back(h);
    }
}

}  // namespace atlas
