// A user's own layer: its label field, its colour, and what lies under a map point. Pure C++.
#include "core/user_layer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string_view>

#include "core/features.hpp"

namespace atlas {

std::string default_label_field(const std::vector<std::string>& fields) {
    auto lower = [](std::string s) {
        for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    for (const char* wanted : {"name", "name_en", "title", "label"})
        for (const auto& f : fields)
            if (lower(f) == wanted) return f;
    return fields.empty() ? "" : fields.front();
}

namespace {
constexpr std::string_view kLabelMark = "?label=";
}  // namespace

UserLayerRef parse_user_layer_ref(const std::string& text) {
    const size_t at = text.rfind(kLabelMark);
    if (at == std::string::npos) return {text, std::nullopt};
    return {text.substr(0, at), text.substr(at + kLabelMark.size())};
}

std::string user_layer_ref(const std::string& id, const std::string& label_field) {
    return id + std::string(kLabelMark) + label_field;
}

std::string user_layer_ref(const UserLayer& layer) { return user_layer_ref(layer.id, layer.label_field); }

std::string attribute(const UserFeature& feature, const std::string& field) {
    for (const auto& [k, v] : feature.attributes)
        if (k == field) return v;
    return "";
}

Rgba user_layer_colour(std::size_t n) {
    // Magenta, teal, violet, olive green and crimson: none of them a membership's blue, the SCO
    // pattern's brown, Kant's red, an exercise's orange or a capital's black.
    static constexpr std::array<Rgba, 5> kColours{{{0xc2, 0x25, 0x8c, 255},
                                                   {0x00, 0x8a, 0x7e, 255},
                                                   {0x6a, 0x3d, 0xc8, 255},
                                                   {0x5c, 0x7a, 0x12, 255},
                                                   {0xa8, 0x1c, 0x3c, 255}}};
    return kColours[n % kColours.size()];
}

namespace {

double segment_distance(Vec2 p, Vec2 a, Vec2 b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Even-odd: whether `p` lies inside the rings that belong to `feature`.
bool inside_rings(const ProjectedUserLayer& layer, int feature, Vec2 p) {
    bool in = false;
    for (size_t i = 0; i < layer.line_feature.size(); ++i) {
        if (layer.line_feature[i] != feature || !layer.line_bounds[i].contains(p)) continue;
        const Polyline& ring = layer.lines->lines[i];
        for (size_t a = 0, b = ring.size() - 1; a < ring.size(); b = a++)
            if ((ring[a].y > p.y) != (ring[b].y > p.y) &&
                p.x < (ring[b].x - ring[a].x) * (p.y - ring[a].y) / (ring[b].y - ring[a].y) + ring[a].x)
                in = !in;
    }
    return in;
}

}  // namespace

int user_feature_at(const ProjectedUserLayer& layer, Vec2 at, double tolerance_m) {
    if (!layer.source) return -1;
    // Points and lines first, the nearest within the tolerance: a road across a district is found
    // on the road.
    int best = -1;
    double best_d = tolerance_m;
    for (size_t i = 0; i < layer.points.size(); ++i) {
        const double d = std::hypot(layer.points[i].x - at.x, layer.points[i].y - at.y);
        if (d <= best_d) best = layer.point_feature[i], best_d = d;
    }
    if (layer.lines) {
        Box near;
        near.add(Vec2{at.x - tolerance_m, at.y - tolerance_m});
        near.add(Vec2{at.x + tolerance_m, at.y + tolerance_m});
        for (size_t i = 0; i < layer.line_feature.size(); ++i) {
            if (!layer.line_bounds[i].intersects(near)) continue;
            const Polyline& l = layer.lines->lines[i];
            for (size_t k = 1; k < l.size(); ++k)
                if (const double d = segment_distance(at, l[k - 1], l[k]); d <= best_d)
                    best = layer.line_feature[i], best_d = d;
        }
    }
    if (best >= 0) return best;
    const auto& features = layer.source->features;
    for (int f = int(features.size()) - 1; f >= 0; --f)
        if (features[size_t(f)].kind == UserFeature::Kind::Polygon && size_t(f) < layer.feature_bounds.size() &&
            layer.feature_bounds[size_t(f)].contains(at) && inside_rings(layer, f, at))
            return f;
    return -1;
}

std::vector<std::string> describe_user_feature(const UserLayer& layer, int feature, std::size_t max_lines) {
    std::vector<std::string> lines;
    if (feature < 0 || size_t(feature) >= layer.features.size()) return lines;
    const UserFeature& f = layer.features[size_t(feature)];
    const std::string label = layer.label_field.empty() ? "" : attribute(f, layer.label_field);
    lines.push_back(label.empty() ? layer.name : label + " (" + layer.name + ")");
    size_t more = 0;
    for (const auto& [k, v] : f.attributes) {
        if (v.empty()) continue;
        if (lines.size() + 1 >= max_lines) {
            ++more;
            continue;
        }
        lines.push_back(k + ": " + v);
    }
    if (more > 0) lines.push_back("... and " + std::to_string(more) + " more attributes");
    return lines;
}

}  // namespace atlas
