// Frame building: turns AppState + Style + data into the immutable Frame. Pure C++.
#include "frame.hpp"

#include "ink_style.hpp"

#include <algorithm>
#include <cmath>

namespace atlas {

AppState rescaled(const AppState& state, int width, int height) {
    AppState out = state;
    const double k = double(height) / state.camera.height_px;
    out.camera.width_px = width;
    out.camera.height_px = height;
    out.camera.metres_per_px = state.camera.metres_per_px / k;
    out.pixel_scale = float(state.pixel_scale * k);
    return out;
}

std::vector<LabelCandidate> country_label_candidates(const World& world, const ProjectedWorld& projected) {
    std::vector<LabelCandidate> out;
    out.reserve(world.countries.size());
    for (size_t i = 0; i < world.countries.size(); ++i) {
        LabelCandidate c;
        c.text = world.countries[i].name;
        c.shape = &projected.label_shapes[i];
        c.bounds = bounds(*c.shape);
        // Made with the projected world (and cached with it); searched here for one made without.
        c.whole = i < projected.label_poles.size() ? projected.label_poles[i]
                                                   : country_label_pole(*c.shape, projected.country_bounds[i]);
        // The article's subject is labelled first.
        if (is_focus_country(world.countries[i].iso_a3)) c.priority = 1;
        out.push_back(std::move(c));
    }
    return out;
}

Frame build_frame(const AppState& state, const Style& style, const std::vector<int>& colours,
                  const std::vector<LabelCandidate>& label_candidates, const TextMeasure& measure,
                  const FrameExtras& extras) {
    Frame f;
    const float k = state.pixel_scale;
    f.camera = state.camera;
    f.background = style.water;
    // The membership fills stay with the countries' layer off (it hides the countries' own colours
    // and borders): which country belongs to what is the point of the map.
    f.draw_fills = state.layers.countries ||
                   (state.layers.memberships && extras.overlay && extras.overlay->fill.size() == colours.size());
    f.country_fill.reserve(colours.size());
    for (int c : colours) f.country_fill.push_back(style.country_palette[size_t(c) % style.country_palette.size()]);
    f.hatch_period_px = style.overlay.hatch_period_px * k;
    if (state.layers.memberships && extras.overlay && extras.overlay->fill.size() == colours.size()) {
        f.country_fill = extras.overlay->fill;
        f.country_hatch = extras.overlay->hatch;
        f.country_halo = scaled(style.country_halo, k);
    }
    // Each control area takes its owner's paint, so it reads as part of that country on the day.
    const size_t countries = f.country_fill.size();
    for (int c : colours) f.land_fill.push_back(style.country_palette[size_t(c) % style.country_palette.size()]);
    for (int owner : extras.area_owner) {
        const bool known = owner >= 0 && size_t(owner) < countries;
        f.country_fill.push_back(known ? f.country_fill[size_t(owner)] : style.water);
        f.land_fill.push_back(known && size_t(owner) < colours.size() ? f.land_fill[size_t(owner)] : style.water);
        if (!f.country_hatch.empty())
            f.country_hatch.push_back(known && size_t(owner) < f.country_hatch.size() ? f.country_hatch[size_t(owner)]
                                                                                        : Rgba{0, 0, 0, 0});
    }
    f.area_edge_is_border = extras.area_edge_is_border;
    f.draw_country_lines = state.layers.countries;
    f.country_line = scaled(style.country_line, k);
    f.coast_line = scaled(style.coast_line, k);
    const double logical_mpp = state.camera.metres_per_px * state.pixel_scale;
    f.draw_province_lines = state.layers.provinces && logical_mpp <= kProvinceMaxMetresPerPx;
    f.draw_other_province_lines = state.layers.provinces && logical_mpp <= kOtherProvinceMaxMetresPerPx;
    f.province_line = scaled(style.province_line, k);
    // Labels and symbols are placed in the part of the image the map shows: a camera over the rows
    // above a band at the bottom, which puts every point at the same pixel as the frame's camera.
    AppState shown = state;
    const int covered =
        state.camera.height_px > 1 ? std::clamp(extras.covered_bottom_px, 0, state.camera.height_px - 1) : 0;
    shown.camera.height_px -= covered;
    shown.camera.centre.y += covered / 2.0 * state.camera.metres_per_px;
    // The country names, placed after the article's own features (which take priority) where the
    // frame has them.
    std::vector<bool> is_subject(label_candidates.size(), false);
    for (size_t i : extras.subject)
        if (i < is_subject.size()) is_subject[i] = true;
    const TextStyle ts = scaled(style.country_label, k);
    std::vector<PlacedLabel> panels;  // what covers the map (a legend): no name under it
    for (const Box& c : extras.covered) panels.push_back({{}, 0, c.centre(), c.width(), c.height()});
    auto subject_labels = [&](const std::vector<PlacedLabel>& taken) {
        std::vector<FrameLabel> out;
        if (!state.layers.labels) return out;
        for (auto& pl :
             place_subject_labels(label_candidates, extras.subject, shown.camera, measure, ts.size_px, taken, panels))
            out.push_back({std::move(pl.text), pl.centre_px, ts});
        return out;
    };
    auto country_labels = [&](const std::vector<PlacedLabel>& taken) {
        std::vector<FrameLabel> out;
        if (!state.layers.labels) return out;
        for (auto& pl : place_labels(label_candidates, shown.camera, measure, ts.size_px, taken, &is_subject))
            out.push_back({std::move(pl.text), pl.centre_px, ts});
        return out;
    };
    if (extras.features) {
        add_features(f, shown, style, *extras.features, measure, country_labels, extras.selection_outlines,
                     subject_labels, extras.covered);
    } else {
        f.labels = subject_labels(panels);
        std::vector<PlacedLabel> boxes = panels;
        for (const auto& l : f.labels)
            boxes.push_back({l.text, 0, l.centre_px, measure(l.text) * l.style.size_px, l.style.size_px * 1.2});
        for (auto& l : country_labels(boxes)) f.labels.push_back(std::move(l));
    }
    return f;
}

std::vector<SymbolKey> symbols_in_view(const Frame& frame) {
    struct Kind {
        SymbolShape shape;
        bool hollow;
        const char* meaning;
    };
    static const Kind kinds[] = {
        {SymbolShape::Star, false, "the Kant airbase (Kyrgyzstan)"},
        {SymbolShape::Triangle, false, "a joint military exercise"},
        {SymbolShape::Square, false, "a seat of the CSTO or the SCO"},
        {SymbolShape::Circle, false, "where a treaty or charter was signed"},
        {SymbolShape::Diamond, false, "a summit or meeting"},
        {SymbolShape::Circle, true, "hollow: only the area is known"},
        {SymbolShape::Dot, false, "a capital"},
    };
    std::vector<SymbolKey> out;
    const double w = frame.camera.width_px, h = frame.camera.height_px;
    for (const Kind& k : kinds)
        for (const FrameSymbol& s : frame.symbols) {
            // The selection's ring is no kind; a user's dot is its layer's (Decorations::user_layers).
            if (s.layer == MapLayer::Selection || s.layer == MapLayer::User) continue;
            // Hollow marks of any shape share one row; solid ones go by shape.
            if (k.hollow ? !s.hollow : (s.hollow || s.shape != k.shape)) continue;
            if (s.centre_px.x < 0 || s.centre_px.y < 0 || s.centre_px.x > w || s.centre_px.y > h) continue;
            out.push_back({k.shape, s.fill, s.outline, k.hollow, k.meaning});
            break;
        }
    return out;
}

SceneInk ink_for_export(const std::vector<ScreenShape>& shapes, const Camera& camera, const TextMeasure& measure) {
    // Inked as the presentation draws them (ink_style.hpp).
    auto to_map = [&](const Polyline& px) {
        Polyline out;
        for (Vec2 p : px) out.push_back(camera.to_map(p));
        return out;
    };
    SceneInk ink;
    for (const ScreenShape& s : shapes) {
        if (s.kind == ShapeKind::Text) {
            if (s.text.empty() || !std::isfinite(s.anchor_px.x) || !std::isfinite(s.anchor_px.y)) continue;
            const float size = s.text_px;
            const TextStyle st{s.colour, ink_text_halo(s.colour), size, ink_text_halo_px(size)};
            const double w = measure(s.text) * size;
            ink.texts.push_back({s.text, {s.anchor_px.x + w / 2, s.anchor_px.y}, st, MapLayer::Drawings});
            continue;
        }
        InkStroke stroke;
        stroke.line = LineStyle{s.colour, s.width_px};
        stroke.rim = LineStyle{kInkRim, s.width_px + 2 * ink_rim_px(s.width_px)};
        for (size_t i = 0; i < s.lines.size(); ++i) {
            const Polyline& l = s.lines[i];
            if (s.kind == ShapeKind::Arrow && i == 1 && l.size() == 3) {
                // The head (base end, tip, other base end): strokes from the tip to points along
                // the base half a line's width apart fill it.
                const Vec2 a = l[0], tip = l[1], b = l[2];
                const double base = std::hypot(b.x - a.x, b.y - a.y);
                const int n = std::max(2, int(std::ceil(base / std::max(1.0f, s.width_px * 0.5f))) + 1);
                for (int k = 0; k < n; ++k) {
                    const double t = double(k) / (n - 1);
                    stroke.lines.push_back(to_map({tip, {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}}));
                }
                stroke.lines.push_back(to_map({a, tip, b, a}));
                continue;
            }
            if (l.size() >= 2) stroke.lines.push_back(to_map(l));
        }
        if (!stroke.lines.empty()) ink.strokes.push_back(std::move(stroke));
    }
    return ink;
}

}  // namespace atlas
