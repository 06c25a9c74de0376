#include "features.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "frame.hpp"

namespace atlas {

SymbolShape symbol_for(const std::string& kind) {
    if (kind == "airbase") return SymbolShape::Star;
    if (kind == "exercise") return SymbolShape::Triangle;
    if (kind == "seat") return SymbolShape::Square;
    if (kind == "summit") return SymbolShape::Diamond;
    if (kind == "capital") return SymbolShape::Dot;
    return SymbolShape::Circle;  // signing
}

std::string short_label(const Place& p) {
    if (p.kind == "airbase") return p.name;
    if (p.kind == "exercise") return p.name.substr(0, p.name.find(" ("));
    const auto comma = p.name.rfind(", ");
    std::string city = comma == std::string::npos ? p.name : p.name.substr(comma + 2);
    return city.substr(0, city.find(" ("));
}

bool place_shown_on(const Place& p, const Date& day) {
    if (!p.from) return true;
    if (day < *p.from) return false;
    if (p.kind == "seat" || p.kind == "airbase") return !p.to || day < *p.to;
    return true;  // a signing, summit or exercise stays on the map as history from its day on
}

int symbol_at(const Frame& frame, Vec2 px) {
    for (size_t i = frame.symbols.size(); i-- > 0;) {
        const auto& s = frame.symbols[i];
        if (std::hypot(px.x - s.centre_px.x, px.y - s.centre_px.y) <= s.size_px / 2 + 2) return int(i);
    }
    return -1;
}

int region_at(const MapFeatures& mf, const Frame& frame, const Camera& camera, Vec2 px, double tolerance_px) {
    const Vec2 at = camera.to_map(px);
    const double tol = tolerance_px * camera.metres_per_px;
    int best = -1;
    double best_d = tol;
    for (const auto& rl : frame.region_lines) {
        if (rl.region < 0 || size_t(rl.region) >= mf.regions.size()) continue;
        const ProjectedRegion& r = mf.regions[size_t(rl.region)];
        if (r.id.rfind("graticule:", 0) == 0 || r.id.rfind("country:", 0) == 0 || r.id.rfind("area:", 0) == 0) continue;
        for (const auto& l : r.lines)
            for (size_t i = 0; i + 1 < l.size(); ++i) {
                const Vec2 a = l[i], b = l[i + 1], d = b - a;
                const double len2 = d.x * d.x + d.y * d.y;
                const double t = len2 > 0 ? std::clamp(((at.x - a.x) * d.x + (at.y - a.y) * d.y) / len2, 0.0, 1.0) : 0;
                const double dist = std::hypot(at.x - (a.x + d.x * t), at.y - (a.y + d.y * t));
                if (dist <= best_d) {
                    best_d = dist;
                    best = rl.region;
                }
            }
    }
    return best;
}

std::vector<std::string> border_length_notes(const std::vector<BorderLength>& lengths,
                                             const std::vector<std::string>& boundaries) {
    auto km = [](double v) {
        const std::string digits = std::to_string(std::lround(v));
        std::string t;
        for (size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) t.push_back(',');
            t.push_back(digits[i]);
        }
        return t.append(" km");
    };
    std::vector<std::string> out;
    bool published = false;
    for (const auto& b : lengths) {
        const bool asked = boundaries.empty() || std::any_of(boundaries.begin(), boundaries.end(), [&](const auto& x) {
                               return x == "AFG-" + b.neighbour || x == b.neighbour + "-AFG";
                           });
        if (!asked) continue;
        const std::string& name = b.name;
        if (b.published_km > 0) {
            published = true;
            std::string line = name;
            line.append(": ").append(km(b.published_km)).append(" published (").append(source_name(b.source));
            line.append("); the line drawn measures ").append(km(b.drawn_km)).append(".");
            out.push_back(std::move(line));
        } else {
            std::string line = name;
            line.append(": the line drawn measures ").append(km(b.drawn_km)).append(" (no published length in the data).");
            out.push_back(std::move(line));
        }
    }
    if (published)
        out.push_back("The line drawn is shorter: the map's 1:10m borders are generalised, cutting the meanders of the "
                      "Amu Darya and the Panj that the border follows. Quote the published length.");
    return out;
}

int region_level(double metres_per_px) {
    int level = -1;
    for (double from = kCoarseRegionMetresPerPx; metres_per_px >= from && level + 1 < kCoarseRegionLevels; from *= 2)
        ++level;
    return level;
}

const SegmentLayer& ProjectedRegion::at_scale(double metres_per_px) const {
    const int level = region_level(metres_per_px);
    if (level < 0 || coarse.empty()) return layer;
    return coarse[std::min(size_t(level), coarse.size() - 1)];
}

int graticule_step_degrees(double mpp) { return mpp > 2500 ? 10 : (mpp > 600 ? 5 : 1); }

namespace {

struct Box2 {
    double x0, y0, x1, y1;
    bool overlaps(const Box2& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

const SymbolStyle& symbol_style(const FeatureStyle& fs, const std::string& kind) {
    if (kind == "airbase") return fs.airbase;
    if (kind == "exercise") return fs.exercise;
    if (kind == "seat") return fs.seat;
    if (kind == "summit") return fs.summit;
    return fs.signing;
}

bool within(Vec2 p, double margin, double w, double h) {
    return p.x >= -margin && p.y >= -margin && p.x <= w + margin && p.y <= h + margin;
}

// A label waiting for its place, in priority order.
struct PendingLabel {
    std::string text;
    Vec2 at;          // symbol centre or anchor, px
    double clear_px;  // half the symbol's size: the label starts beyond it (0: centred on `at`)
    TextStyle style;
    MapLayer layer;
    int user = -1;  // MapLayer::User: which of the user's layers
};

// The places of the day as symbols, grouped by location: several at one city fan out around it;
// each group's label goes to `pending`.
void add_places(Frame& f, const AppState& state, const FeatureStyle& fs, const MapFeatures& mf,
                std::vector<PendingLabel>& pending) {
    const float k = state.pixel_scale;
    const Camera& cam = state.camera;
    std::map<std::pair<double, double>, std::vector<size_t>> groups;
    for (size_t i = 0; i < mf.places.size(); ++i)
        if (place_shown_on(*mf.places[i].place, state.date))
            groups[{mf.places[i].xy.x, mf.places[i].xy.y}].push_back(i);
    for (const auto& [xy, members] : groups) {
        const Vec2 centre = cam.to_screen({xy.first, xy.second});
        if (!within(centre, 40 * k, cam.width_px, cam.height_px)) continue;
        double biggest = 0;
        const double n = double(members.size());
        for (size_t j = 0; j < members.size(); ++j) {
            const ProjectedPlace& pp = mf.places[members[j]];
            const Place& p = *pp.place;
            const SymbolStyle& ss = symbol_style(fs, p.kind);
            const double size = ss.size_px * k;
            biggest = std::max(biggest, size);
            Vec2 at = centre;
            if (members.size() > 1) {  // around a circle, starting at the top
                const double r = size * (0.55 + 0.12 * n), a = -M_PI / 2 + 2 * M_PI * double(j) / n;
                at = {centre.x + r * std::cos(a), centre.y + r * std::sin(a)};
            }
            const bool hollow = p.precision == Precision::Area;
            f.symbols.push_back({at, float(size), symbol_for(p.kind), ss.fill, fs.symbol_outline,
                                 fs.symbol_outline_px * k, hollow, int(members[j]), MapLayer::Places});
            if (hollow && pp.area >= 0) {  // the area, outlined in the symbol's colour
                LineStyle area = scaled(fs.region, k * 0.6f);
                area.colour = ss.fill;
                f.region_lines.push_back({pp.area, area, scaled(fs.region_halo, k * 0.6f), MapLayer::Places, nullptr});
            }
        }
        const double spread = members.size() > 1 ? biggest * (0.55 + 0.12 * n) + biggest / 2 : biggest / 2;
        std::string text = short_label(*mf.places[members.front()].place);
        if (members.size() > 1) text += " (" + std::to_string(members.size()) + ")";
        pending.push_back({text, centre, spread, scaled(fs.place_label, k), MapLayer::Places});
    }
}

// At most this many labels of a user's layer are tried in a frame: each is tested against every
// label placed, and a layer of thousands of named points would fill the map with text anyway.
constexpr size_t kUserLabelsPerFrame = 400;
// A user's layer's points in view drawn each as it is, and the most drawn after thinning.
constexpr size_t kUserDotsExact = 5000;
constexpr size_t kUserDotsMost = 10000;

// The user's layers that are on: each one's lines and rings over a white halo, its points as
// dots, and its features' labels (from its label field) to `pending`, in the layer's colour.
void add_user_layers(Frame& f, const AppState& state, const FeatureStyle& fs, const MapFeatures& mf,
                     std::vector<PendingLabel>& pending) {
    const float k = state.pixel_scale;
    const Camera& cam = state.camera;
    const Box view = cam.visible();
    for (size_t i = 0; i < mf.user_layers.size(); ++i) {
        const ProjectedUserLayer& u = mf.user_layers[i];
        if (!u.source || std::find(state.user_hidden.begin(), state.user_hidden.end(), u.source->id) !=
                             state.user_hidden.end())
            continue;
        f.user_layers.push_back(int(i));
        if (u.fills)
            f.user_fills.push_back({u.fills, Rgba{u.colour.r, u.colour.g, u.colour.b, kUserFillAlpha}, int(i)});
        if (u.lines && !u.lines->lines.empty())
            f.region_lines.push_back({-1, scaled(LineStyle{u.colour, fs.user_line_px}, k),
                                      scaled(LineStyle{fs.symbol_outline, fs.user_line_px * 2}, k), MapLayer::User,
                                      u.lines, int(i)});
        // Up to kUserDotsExact points in view are each drawn. Beyond, a point whose dot would fall
        // in a square of the image already holding one, a dot's width across (two, if that still
        // leaves more than kUserDotsMost), is not drawn again: a layer of 150,000 points over the
        // region becomes a carpet of some 6,000 dots on a 1920x1080 screen, which a software
        // renderer draws in a frame (see the benchmark); zoomed in, every point has its own.
        const float size = fs.user_point_px * k;
        std::vector<size_t> in_view;
        for (size_t p = 0; p < u.points.size(); ++p)
            if (view.contains(u.points[p])) in_view.push_back(p);
        std::vector<size_t> drawn;
        if (in_view.size() <= kUserDotsExact) {
            drawn = std::move(in_view);
        } else {
            for (const double cell : {std::max(1.0, double(size)), std::max(2.0, 2.0 * size)}) {
                const int columns = int(cam.width_px / cell) + 2, rows = int(cam.height_px / cell) + 2;
                std::vector<bool> taken(size_t(columns) * size_t(rows), false);
                drawn.clear();
                for (size_t p : in_view) {
                    const Vec2 at = cam.to_screen(u.points[p]);
                    const int cx = std::clamp(int(at.x / cell) + 1, 0, columns - 1);
                    const int cy = std::clamp(int(at.y / cell) + 1, 0, rows - 1);
                    if (taken[size_t(cy) * size_t(columns) + size_t(cx)]) continue;
                    taken[size_t(cy) * size_t(columns) + size_t(cx)] = true;
                    drawn.push_back(p);
                }
                if (drawn.size() <= kUserDotsMost) break;
            }
        }
        for (size_t p : drawn)
            f.symbols.push_back({cam.to_screen(u.points[p]), size, SymbolShape::Circle, u.colour, fs.symbol_outline,
                                 fs.symbol_outline_px * k, false, -1, MapLayer::User, int(i), u.point_feature[p]});
        const UserLayer& src = *u.source;
        if (src.label_field.empty()) continue;
        TextStyle style = scaled(fs.place_label, k);
        style.colour = u.colour;
        size_t labelled = 0;
        for (size_t ft = 0; ft < u.anchors.size() && labelled < kUserLabelsPerFrame; ++ft) {
            const Vec2 a = u.anchors[ft];
            if (std::isnan(a.x) || !view.contains(a)) continue;
            const std::string text = attribute(src.features[ft], src.label_field);
            if (text.empty()) continue;
            const bool point = src.features[ft].kind == UserFeature::Kind::Point;
            pending.push_back({text, cam.to_screen(a), point ? size / 2.0 : 0.0, style, MapLayer::User, int(i)});
            ++labelled;
        }
    }
}

// A label right of its symbol, else left of it, else above or below it, else left out (centred on
// an anchor, or just above or below it, for a label with no symbol); never over another label, a
// symbol, or the view's edge.
void place_label(const PendingLabel& p, Frame& f, std::vector<Box2>& taken, const TextMeasure& measure, double w,
                 double h, float k) {
    const double tw = measure(p.text) * p.style.size_px, th = p.style.size_px * 1.2, gap = 3 * k;
    std::vector<Vec2> tries;
    if (p.clear_px == 0) {  // centred on its anchor, or just above or below it, or beside those
        for (const double dy : {0.0, -th, th, -2 * th, 2 * th, -3 * th, 3 * th})
            for (const double dx : {0.0, -tw / 3, tw / 3}) tries.push_back({p.at.x + dx, p.at.y + dy});
        std::stable_sort(tries.begin(), tries.end(), [&](Vec2 a, Vec2 b) {
            return std::hypot(a.x - p.at.x, a.y - p.at.y) < std::hypot(b.x - p.at.x, b.y - p.at.y);
        });
    } else {  // right of its symbol, else left, else above or below it
        tries.push_back({p.at.x + p.clear_px + gap + tw / 2, p.at.y});
        tries.push_back({p.at.x - p.clear_px - gap - tw / 2, p.at.y});
        tries.push_back({p.at.x, p.at.y - p.clear_px - gap - th / 2});
        tries.push_back({p.at.x, p.at.y + p.clear_px + gap + th / 2});
    }
    for (const Vec2 c : tries) {
        const Box2 box{c.x - tw / 2, c.y - th / 2, c.x + tw / 2, c.y + th / 2};
        if (box.x0 < 0 || box.y0 < 0 || box.x1 > w || box.y1 > h) continue;
        const bool clash = std::any_of(taken.begin(), taken.end(), [&](const Box2& t) { return t.overlaps(box); });
        if (clash) continue;
        f.labels.push_back({p.text, c, p.style, p.layer, p.user});
        taken.push_back(box);
        break;
    }
}

}  // namespace

void add_features(Frame& f, const AppState& state, const Style& style, const MapFeatures& mf,
                  const TextMeasure& measure, const LowerLabels& lower,
                  const std::vector<std::shared_ptr<const ProjectedRegion>>& outlines, const LowerLabels& subject,
                  const std::vector<Box>& covered) {
    const float k = state.pixel_scale;
    const FeatureStyle& fs = style.features;
    const Camera& cam = state.camera;
    const double w = cam.width_px, h = cam.height_px;

    // Obstacles for new labels: what covers the map, the labels already placed (country names),
    // then every symbol.
    std::vector<Box2> taken;
    for (const Box& c : covered) taken.push_back({c.min_x, c.min_y, c.max_x, c.max_y});
    for (const auto& l : f.labels) {
        const double lw = measure(l.text) * l.style.size_px, lh = l.style.size_px * 1.2;
        taken.push_back(
            {l.centre_px.x - lw / 2, l.centre_px.y - lh / 2, l.centre_px.x + lw / 2, l.centre_px.y + lh / 2});
    }

    // Lines: the northern border, the regions the article names, the areas of uncertain places.
    const auto& layers = state.layers;
    if (layers.graticule) {
        const int step = graticule_step_degrees(cam.metres_per_px * state.pixel_scale);
        const int g = mf.graticule[step == 10 ? 0 : (step == 5 ? 1 : 2)];
        if (g >= 0)
            f.region_lines.push_back(
                {g, scaled(fs.graticule, k), LineStyle{Rgba{0, 0, 0, 0}, 0.0f}, MapLayer::Graticule, nullptr});
    }
    std::vector<int> region_labels;
    if (layers.regions)
        for (size_t i = 0; i < mf.regions.size(); ++i)
            if (mf.regions[i].id == "afghan-badakhshan" || mf.regions[i].id == "balkh-province") {
                f.region_lines.push_back({int(i), scaled(fs.region, k), scaled(fs.region_halo, k), MapLayer::Regions, nullptr});
                region_labels.push_back(int(i));
            }

    std::vector<PendingLabel> pending;
    for (const auto& b : (layers.northern_border ? mf.border_lengths : std::vector<BorderLength>{}))
        pending.push_back({b.text, cam.to_screen(b.xy), 0, scaled(fs.border_label, k), MapLayer::NorthernBorder});
    for (int r : region_labels)
        pending.push_back({mf.regions[size_t(r)].name, cam.to_screen(mf.regions[size_t(r)].anchor), 0,
                           scaled(fs.region_label, k), MapLayer::Regions});

    if (layers.places) add_places(f, state, fs, mf, pending);
    add_user_layers(f, state, fs, mf, pending);
    // Drawn last, over every other line: Afghanistan's northern border.
    if (layers.northern_border && mf.northern_border >= 0)
        f.region_lines.push_back({mf.northern_border, scaled(fs.northern_border, k),
                                  scaled(fs.northern_border_halo, k), MapLayer::NorthernBorder, nullptr});
    // The selection: its outline (a country, a region, an organisation's members of the day) or a
    // ring round its symbol, drawn over everything else.
    if (!state.selected.empty()) {
        if (const int r = mf.region(state.selected); r >= 0)
            f.region_lines.push_back({r, scaled(fs.selection, k), scaled(fs.selection_halo, k), MapLayer::Selection, nullptr});
        for (const auto& outline : outlines)
            f.region_lines.push_back(
                {-1, scaled(fs.selection, k), scaled(fs.selection_halo, k), MapLayer::Selection, outline});
    }
    std::vector<Vec2> place_centres;  // the article's places (a user's dots do not name a capital)
    for (const auto& s : f.symbols)
        if (s.layer != MapLayer::User) place_centres.push_back(s.centre_px);
    if (layers.capitals)
        for (const auto& c : mf.capitals) {
            if (state.date < c.from || (c.to && !(state.date < *c.to))) continue;
            const Vec2 at = cam.to_screen(c.xy);
            if (!within(at, 10 * k, w, h)) continue;
            // A capital where places of the article are already marked (Moscow, Astana) is named by them.
            const bool marked = std::any_of(place_centres.begin(), place_centres.end(),
                                            [&](Vec2 q) { return std::hypot(q.x - at.x, q.y - at.y) < 24 * k; });
            if (marked) continue;
            const double size = fs.capital.size_px * k;
            f.symbols.push_back(
                {at, float(size), SymbolShape::Dot, fs.capital.fill, fs.symbol_outline, k, false, -1, MapLayer::Capitals});
            pending.push_back({c.name, at, size / 2, scaled(fs.capital_label, k), MapLayer::Capitals});
        }
    for (const auto& s : f.symbols) {
        const double r = s.size_px / 2;
        taken.push_back({s.centre_px.x - r, s.centre_px.y - r, s.centre_px.x + r, s.centre_px.y + r});
    }

    // Country names placed by a callback, clear of what is taken (and of `also`), and then taken
    // themselves.
    auto country_names = [&](const LowerLabels& names, const std::vector<Box2>& also = {}) {
        if (!names) return;
        std::vector<PlacedLabel> boxes;
        for (const std::vector<Box2>* list : {static_cast<const std::vector<Box2>*>(&taken), &also})
            for (const auto& t : *list)
                boxes.push_back({{}, 0, {(t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2}, t.x1 - t.x0, t.y1 - t.y0});
        for (auto& l : names(boxes)) {
            const double lw = measure(l.text) * l.style.size_px, lh = l.style.size_px * 1.2;
            taken.push_back(
                {l.centre_px.x - lw / 2, l.centre_px.y - lh / 2, l.centre_px.x + lw / 2, l.centre_px.y + lh / 2});
            f.labels.push_back(std::move(l));
        }
    };
    // Labels in priority order: the subject's names; border lengths, regions, places; the other
    // country names; capitals. The subject's names keep clear of where the article's features
    // will be named first (right of a symbol, on a line's anchor) where they can: "Kyrgyzstan"
    // took the place of "Kant airbase" on the CSTO scene.
    std::vector<Box2> named_next;
    for (const auto& p : pending) {
        if (p.layer == MapLayer::Capitals) continue;
        const double tw = measure(p.text) * p.style.size_px, th = p.style.size_px * 1.2;
        const double x = p.clear_px == 0 ? p.at.x : p.at.x + p.clear_px + 3 * k + tw / 2;
        named_next.push_back({x - tw / 2, p.at.y - th / 2, x + tw / 2, p.at.y + th / 2});
    }
    country_names(subject, named_next);
    for (const auto& p : pending)
        if (p.layer != MapLayer::Capitals) place_label(p, f, taken, measure, w, h, k);
    country_names(lower);
    for (const auto& p : pending)
        if (p.layer == MapLayer::Capitals) place_label(p, f, taken, measure, w, h, k);
    // A selected place: a ring round its symbol (after the labels, which may come close to it).
    if (!state.selected.empty()) {
        const size_t n = f.symbols.size();
        for (size_t i = 0; i < n; ++i) {
            const FrameSymbol s = f.symbols[i];
            if (s.place >= 0 && mf.places[size_t(s.place)].place->id == state.selected)
                f.symbols.push_back({s.centre_px, s.size_px * 1.9f, SymbolShape::Circle, fs.selection.colour,
                                     fs.selection_halo.colour, fs.symbol_outline_px * k, true, s.place,
                                     MapLayer::Selection});
        }
    }
}

}  // namespace atlas
