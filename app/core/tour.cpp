// The guided tour: layer names, the presenter's keys, applying a scene, and the edit operations of
// the Tour panel. Pure C++ (no GDAL, no ImGui).
#include "tour.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "user_layer.hpp"

namespace atlas {

const std::vector<bool Layers::*>& layer_members() {
    static const std::vector<bool Layers::*> members{
        &Layers::countries, &Layers::provinces, &Layers::labels,   &Layers::memberships, &Layers::northern_border,
        &Layers::regions,   &Layers::places,    &Layers::capitals, &Layers::graticule};
    return members;
}

const std::vector<std::string>& layer_names() {
    static const std::vector<std::string> names{"countries", "provinces", "labels",   "memberships", "northern_border",
                                                "regions",   "places",    "capitals", "graticule"};
    return names;
}

std::string layers_text(const Layers& layers) {
    std::string out;
    for (size_t i = 0; i < layer_names().size(); ++i)
        if (layers.*layer_members()[i]) out += (out.empty() ? "" : " ") + layer_names()[i];
    return out;
}

Layers parse_layers(const std::vector<std::string>& words, std::string& unknown) {
    Layers out;
    for (auto m : layer_members()) out.*m = false;
    unknown.clear();
    for (const auto& w : words) {
        if (w == "all") {
            for (auto m : layer_members()) out.*m = true;
            continue;
        }
        const auto it = std::find(layer_names().begin(), layer_names().end(), w);
        if (it == layer_names().end()) {
            if (unknown.empty()) unknown = w;
            continue;
        }
        out.*layer_members()[size_t(it - layer_names().begin())] = true;
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

void apply_scene(const Scene& scene, AppState& state, const std::vector<std::string>& loaded) {
    state.user_hidden.clear();
    for (const auto& id : loaded)
        if (std::none_of(scene.user_layers.begin(), scene.user_layers.end(),
                         [&](const std::string& ref) { return parse_user_layer_ref(ref).path == id; }))
            state.user_hidden.push_back(id);
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

namespace atlas {

namespace {
// Longest id made from a title: long enough to tell scenes apart, short enough for the file.
constexpr size_t kMaxIdLength = 40;

bool id_taken(const std::string& id, const std::vector<Scene>& scenes) {
    return std::any_of(scenes.begin(), scenes.end(), [&](const Scene& s) { return s.id == id; });
}

// `x` rounded to whole 1/`per_unit`s: the double nearest to n / per_unit (a division by an exact
// integer), which the file keeps as short text ("68.25", not 68.250000000000001).
double rounded(double x, double per_unit) { return std::round(x * per_unit) / per_unit; }
}  // namespace

bool is_scene_id(const std::string& id) {
    return !id.empty() && id.size() <= kMaxSceneIdLength && id.front() != '-' &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

std::string unique_scene_id(const std::string& title, const std::vector<Scene>& scenes) {
    std::string base;
    bool gap = false;
    for (const unsigned char c : title) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            gap = !base.empty();
            continue;
        }
        if (base.size() >= kMaxIdLength) break;
        if (gap) base += '-';
        gap = false;
        base += char(std::tolower(c));
    }
    if (base.empty()) base = "scene";
    std::string id = base;
    for (int n = 2; id_taken(id, scenes); ++n) id = base + "-" + std::to_string(n);
    return id;
}

size_t insert_scene(std::vector<Scene>& scenes, std::optional<size_t> after, Scene scene) {
    if (!is_scene_id(scene.id) || id_taken(scene.id, scenes)) scene.id = unique_scene_id(scene.title, scenes);
    const size_t at = after && *after < scenes.size() ? *after + 1 : scenes.size();
    scenes.insert(scenes.begin() + std::ptrdiff_t(at), std::move(scene));
    return at;
}

bool delete_scene(std::vector<Scene>& scenes, size_t index) {
    if (index >= scenes.size()) return false;
    scenes.erase(scenes.begin() + std::ptrdiff_t(index));
    return true;
}

std::optional<size_t> move_scene(std::vector<Scene>& scenes, size_t index, int steps) {
    const long to = long(index) + steps;
    if (index >= scenes.size() || to < 0 || to >= long(scenes.size())) return std::nullopt;
    const auto first = scenes.begin() + std::ptrdiff_t(index), last = scenes.begin() + to;
    if (to < long(index))
        std::rotate(last, first, first + 1);
    else
        std::rotate(first, first + 1, last + 1);
    return size_t(to);
}

void take_map_state(Scene& scene, const AppState& state, const View& view, const Facts* facts,
                    const std::vector<std::string>& open) {
    scene.user_layers.clear();
    for (const auto& ref : open)
        if (std::find(state.user_hidden.begin(), state.user_hidden.end(), parse_user_layer_ref(ref).path) ==
            state.user_hidden.end())
            scene.user_layers.push_back(ref);
    constexpr double kPerDegree = 1000;  // 0.001 deg, about 100 m: finer than any scene's view shows
    constexpr double kPerKm = 10;        // 0.1 km of height
    scene.view = {rounded(view.lon, kPerDegree), rounded(view.lat, kPerDegree), rounded(view.height_km, kPerKm)};
    scene.projection = state.projection;
    scene.layers = state.layers;
    scene.date = state.date;
    scene.highlight.clear();
    if (state.selected.empty()) return;
    scene.highlight.push_back(state.selected);
    if (facts && facts->organisation(state.selected)) return;
    for (const auto& m : state.selected_members)
        if (m != state.selected) scene.highlight.push_back(m);
}

std::string default_passage(const std::string& selected, const Facts* facts, const Article* article,
                            const std::vector<Scene>& scenes, std::optional<size_t> previous) {
    if (!article) return {};
    if (facts && !selected.empty())
        if (const auto links = facts->links_of(selected, *article); !links.empty()) return links.front()->passage;
    if (previous && *previous < scenes.size() && !scenes[*previous].passage.empty()) return scenes[*previous].passage;
    return article->passages.empty() ? std::string() : article->passages.front().id;
}

std::vector<SceneProblem> tour_problems(const std::vector<Scene>& scenes, const World& world, const Facts& facts,
                                        const Article& article, const std::vector<std::string>& projection_ids) {
    std::vector<SceneProblem> out;
    for (size_t i = 0; i < scenes.size(); ++i) {
        const Scene& sc = scenes[i];
        auto problem = [&](std::string m) { out.push_back({i, std::move(m)}); };
        auto range = [&](const char* what, double x, double lo, double hi) {
            if (!(x >= lo && x <= hi)) {
                char text[96];
                std::snprintf(text, sizeof text, "%s %g is outside %g to %g", what, x, lo, hi);
                problem(text);
            }
        };
        if (sc.id.empty()) problem("missing id");
        else if (!is_scene_id(sc.id))
            problem("id '" + (sc.id.size() > 40 ? sc.id.substr(0, 40) + "..." : sc.id) + "' is not 1 to " +
                    std::to_string(kMaxSceneIdLength) +
                    " letters, digits, '-' or '_' (it names the scene's image files)");
        if (sc.title.empty()) problem("missing title");
        if (sc.passage.empty()) problem("missing passage");
        range("lon", sc.view.lon, -180, 180);
        range("lat", sc.view.lat, -90, 90);
        range("height_km", sc.view.height_km, kSceneMinHeightKm, kSceneMaxHeightKm);
        for (size_t j = 0; j < i; ++j)
            if (!sc.id.empty() && scenes[j].id == sc.id) {
                problem("duplicate scene '" + sc.id + "' (first " +
                        (scenes[j].at.line > 0 ? "at line " + std::to_string(scenes[j].at.line)
                                               : "as scene " + std::to_string(j + 1)) +
                        ")");
                break;
            }
        if (std::find(projection_ids.begin(), projection_ids.end(), sc.projection) == projection_ids.end())
            problem("unknown projection '" + sc.projection + "'");
        if (sc.date < kTimelineStart || sc.date > kTimelineEnd)
            problem("date " + sc.date.str() + " is outside " + kTimelineStart.str() + " to " + kTimelineEnd.str());
        if (!sc.passage.empty() && !article.passage(sc.passage))
            problem("no passage '" + sc.passage + "' in the article");
        for (const auto& h : sc.highlight)
            if (world.country_index(h) < 0 && !facts.organisation(h) && !facts.place(h) && !facts.region(h))
                problem("unknown entity '" + h + "'");
    }
    return out;
}

}  // namespace atlas
